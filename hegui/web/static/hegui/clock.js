// Live reporting clocks: every element with data-deadline (an ISO 8601 time from the server)
// shows the time left, updated every second. The server's "now" corrects a wrong client clock.
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400); s -= d * 86400;
    var h = Math.floor(s / 3600); s -= h * 3600;
    var m = Math.floor(s / 60); s -= m * 60;
    return (d > 0 ? d + "d " : "") + pad(h) + ":" + pad(m) + ":" + pad(s);
  }
  function start() {
    var clocks = document.querySelectorAll("[data-deadline]");
    if (!clocks.length) { return; }
    var table = document.querySelector("[data-server-now]");
    var skew = 0;
    if (table) {
      var serverNow = Date.parse(table.getAttribute("data-server-now"));
      if (!isNaN(serverNow)) { skew = serverNow - Date.now(); }
    }
    function tick() {
      var now = Date.now() + skew;
      clocks.forEach(function (el) {
        var left = Date.parse(el.getAttribute("data-deadline")) - now;
        if (left >= 0) {
          el.textContent = format(left);
          el.classList.remove("overdue");
          el.classList.toggle("urgent", left < 3600 * 1000);
        } else {
          el.textContent = (el.getAttribute("data-overdue-label") || "overdue by") + " " + format(left);
          el.classList.add("overdue");
        }
      });
    }
    tick();
    window.setInterval(tick, 1000);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
