"""Generate the bundled example data of ACME (synthetic only): ``acme.sqlite`` and two files.

Run ``python examples/acme/data/make_example_db.py``; the same seed gives the same bytes of data
(the SQLite file layout may differ between SQLite versions). Every identifier is synthetic: IDs
carry valid check digits over public district codes with random birth dates and sequence numbers.

Planted PI (what ``hegui scan examples/acme/data`` must find) is listed in ``EXPECTED``; the test
``tests/scanners/tabular/test_example_db.py`` checks the scan against it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from hegui.detectors.synthetic import Synth  # noqa: E402

HERE = Path(__file__).resolve().parent
SEED = 20261130
AS_OF = dt.date(2026, 11, 30)
N_CUSTOMERS = 300
N_MINORS_UNDER_14 = 12  # customers born after AS_OF - 14 years
N_MINORS_14_TO_18 = 9

#: table -> column -> expected entity (None = no PI). Used by the tests.
EXPECTED: dict[str, dict[str, str | None]] = {
    "customers": {
        "客户编号": None, "姓名": "CN_PERSON_NAME", "身份证号": "CN_RESIDENT_ID", "手机号": "CN_MOBILE",
        "邮箱": "EMAIL_ADDRESS", "住址": "CN_ADDRESS", "注册日期": None, "会员等级": None,
    },
    "orders": {
        "订单号": None, "客户手机": "CN_MOBILE", "金额": None, "收货地址": "CN_ADDRESS",
        "银行卡号": "CN_BANK_CARD", "备注": None,
    },
    "health_checks": {
        "体检编号": None, "患者姓名": "CN_PERSON_NAME", "证件号码": "CN_RESIDENT_ID", "诊断": "HEALTH_INFO",
        "人脸特征": "BIOMETRIC",
    },
    "devices": {
        "imei": "IMEI", "android_id": "ANDROID_ID", "oaid": "OAID", "mac": "MAC_ADDRESS",
        "login_ip": "IP_ADDRESS", "纬度": "GPS_COORDINATE", "经度": "GPS_COORDINATE",
    },
    "staff": {
        "工号": None, "员工姓名": "CN_PERSON_NAME", "护照号码": "CN_PASSPORT", "宗教信仰": "RELIGION",
        "车牌号": "CN_LICENSE_PLATE", "座机": "CN_LANDLINE",
    },
    "suppliers": {"供应商名称": None, "统一社会信用代码": "CN_USCC", "联系电话": "CN_LANDLINE"},
    "support_tickets.jsonl": {"ticket": None, "channel": None, "text": "CN_MOBILE"},
    "customers_gbk.csv": {"姓名": "CN_PERSON_NAME", "手机": "CN_MOBILE", "身份证": "CN_RESIDENT_ID"},
}  # fmt: skip


def _years_ago(years: int, days: int) -> dt.date:
    return AS_OF.replace(year=AS_OF.year - years) + dt.timedelta(days=days)


def build(out: Path = HERE) -> None:
    s = Synth(SEED)
    db = out / "acme.sqlite"
    db.unlink(missing_ok=True)
    con = sqlite3.connect(db)
    customers = []
    for i in range(N_CUSTOMERS):
        if i < N_MINORS_UNDER_14:
            born = _years_ago(14, s.r.randint(1, 3000))
        elif i < N_MINORS_UNDER_14 + N_MINORS_14_TO_18:
            born = _years_ago(18, s.r.randint(1, 4 * 365 - 1))
        else:
            born = s.birth_date(1950, 2000)
        customers.append(
            (f"C{100000 + i}", s.name(), s.resident_id(born), s.mobile(), s.email(), s.address(),
             s.birth_date(2018, 2026).isoformat(), s.r.choice(("金卡", "银卡", "普通")))
        )  # fmt: skip
    # Repeat 20 customers (same ID) so distinct individuals < rows.
    customers += [(f"C{200000 + i}", *customers[i][1:]) for i in range(20)]
    con.execute(
        "CREATE TABLE customers (客户编号 TEXT, 姓名 TEXT, 身份证号 TEXT, 手机号 TEXT, 邮箱 TEXT, 住址 TEXT, 注册日期 TEXT, 会员等级 TEXT)"
    )
    con.executemany("INSERT INTO customers VALUES (?,?,?,?,?,?,?,?)", customers)
    con.execute(
        "CREATE TABLE orders (订单号 TEXT, 客户手机 TEXT, 金额 REAL, 收货地址 TEXT, 银行卡号 TEXT, 备注 TEXT)"
    )
    con.executemany(
        "INSERT INTO orders VALUES (?,?,?,?,?,?)",
        [(s.order_number(), c[3], round(s.r.uniform(5, 5000), 2), s.address(), s.bank_card(), s.r.choice(("", "尽快发货", "周末送达")))
         for c in customers[:200]],
    )  # fmt: skip
    con.execute(
        "CREATE TABLE health_checks (体检编号 TEXT, 患者姓名 TEXT, 证件号码 TEXT, 诊断 TEXT, 人脸特征 BLOB)"
    )
    diagnoses = (
        "高血压",
        "2型糖尿病",
        "哮喘",
        "乙肝病毒携带",
        "抑郁症",
        "冠心病",
        "过敏性鼻炎伴哮喘",
    )
    con.executemany(
        "INSERT INTO health_checks VALUES (?,?,?,?,?)",
        [
            (
                f"HC{i:06d}",
                c[1],
                c[2],
                s.r.choice(diagnoses),
                bytes(s.r.getrandbits(8) for _ in range(64)),
            )
            for i, c in enumerate(customers[:80])
        ],
    )
    con.execute(
        "CREATE TABLE devices (imei TEXT, android_id TEXT, oaid TEXT, mac TEXT, login_ip TEXT, 纬度 TEXT, 经度 TEXT)"
    )
    con.executemany(
        "INSERT INTO devices VALUES (?,?,?,?,?,?,?)",
        [(s.imei(), s.android_id(), s.oaid(), s.mac(), s.ipv4(), *s.gps()) for _ in range(150)],
    )
    con.execute(
        "CREATE TABLE staff (工号 TEXT, 员工姓名 TEXT, 护照号码 TEXT, 宗教信仰 TEXT, 车牌号 TEXT, 座机 TEXT)"
    )
    con.executemany(
        "INSERT INTO staff VALUES (?,?,?,?,?,?)",
        [
            (
                f"E{i:05d}",
                s.name(),
                s.passport(),
                s.r.choice(("佛教", "基督教", "伊斯兰教", "无", "道教")),
                s.plate(),
                s.landline(),
            )
            for i in range(60)
        ],
    )
    con.execute("CREATE TABLE suppliers (供应商名称 TEXT, 统一社会信用代码 TEXT, 联系电话 TEXT)")
    con.executemany(
        "INSERT INTO suppliers VALUES (?,?,?)",
        [(f"示例供应商{i}号有限公司", s.uscc(), s.landline()) for i in range(30)],
    )
    con.commit()
    con.close()
    with (out / "support_tickets.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(40):
            c = customers[i]
            text = s.r.choice(
                (f"客户来电，请回拨{c[3]}，说明退款事宜。", f"用户反映手机号 {c[3][:3]}-{c[3][3:7]}-{c[3][7:]} 收不到验证码",
                 f"请联系 {c[3]} 确认地址")
            )  # fmt: skip
            fh.write(
                json.dumps(
                    {"ticket": f"T{i:05d}", "channel": "phone", "text": text}, ensure_ascii=False
                )
                + "\n"
            )
    with (out / "customers_gbk.csv").open("w", encoding="gbk", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "手机", "身份证"])
        for c in customers[:50]:
            w.writerow([c[1], c[3], c[2]])


if __name__ == "__main__":
    build()
    print(f"wrote {HERE / 'acme.sqlite'}, support_tickets.jsonl, customers_gbk.csv")
