"""Build small, valid APKs in tests: binary AXML, a resources.arsc and a dex with planted classes.

Nothing is downloaded and nothing here runs on a device. The dex holds one method per planted
class whose code invokes the planted APIs, reads the planted static fields and loads the planted
string constants, so a static scanner sees exactly what was planted.
"""

from __future__ import annotations

import hashlib
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

# --- binary XML (AXML) ----------------------------------------------------------------------------

_ANDROID_NS = "http://schemas.android.com/apk/res/android"
_TYPE_REFERENCE = TYPE_REFERENCE = 0x01
_TYPE_STRING = TYPE_STRING = 0x03
_TYPE_INT_DEC = 0x10
_TYPE_BOOLEAN = 0x12
_NO_INDEX = 0xFFFFFFFF


@dataclass(frozen=True)
class Ref:
    """A resource reference attribute value (``@7F...``, TYPE_REFERENCE)."""

    res_id: int


@dataclass
class XmlElement:
    tag: str
    attrs: list[tuple[bool, str, str | int | bool | Ref]] = field(
        default_factory=list
    )  # (android ns?, name, value)
    children: list[XmlElement] = field(default_factory=list)
    text: str | None = None  # character data before the children (a CDATA chunk)


def _utf8_len(n: int) -> bytes:
    """A UTF-8 pool length: one byte below 0x80, else two with the high bit set (< 0x8000)."""
    assert n < 0x8000, "builder supports strings below 32768 characters"
    return bytes([n]) if n < 0x80 else bytes([0x80 | (n >> 8), n & 0xFF])


def _utf8_string(s: str) -> bytes:
    b = s.encode("utf-8")
    return _utf8_len(len(s)) + _utf8_len(len(b)) + b + b"\x00"


def _string_pool(strings: list[str]) -> bytes:
    """A UTF-8 ResStringPool chunk (shared by binary XML and resources.arsc)."""
    data = bytearray()
    offsets = []
    for s in strings:
        offsets.append(len(data))
        data += _utf8_string(s)
    while len(data) % 4:
        data += b"\x00"
    header_size = 28
    strings_start = header_size + 4 * len(strings)
    pool = struct.pack(
        "<HHIIIIII",
        0x0001,
        header_size,
        strings_start + len(data),
        len(strings),
        0,
        0x100,
        strings_start,
        0,
    )
    return pool + b"".join(struct.pack("<I", o) for o in offsets) + bytes(data)


def axml(root: XmlElement, namespace: str | None = _ANDROID_NS) -> bytes:
    """Serialise an element tree as Android binary XML.

    ``namespace`` is the URI bound to the ``android`` prefix (an altered one tests hostile
    manifests); None writes the "android" attributes with no namespace at all.
    """
    uri = namespace or _ANDROID_NS
    strings: list[str] = []

    def sid(s: str) -> int:
        if s not in strings:
            strings.append(s)
        return strings.index(s)

    sid("android")
    sid(uri)
    body = bytearray()

    def emit(el: XmlElement) -> None:
        attrs = bytearray()
        for in_ns, name, value in el.attrs:
            ns = sid(uri) if in_ns and namespace else _NO_INDEX
            if isinstance(value, Ref):
                raw, dtype, data = _NO_INDEX, _TYPE_REFERENCE, value.res_id
            elif isinstance(value, bool):
                raw, dtype, data = _NO_INDEX, _TYPE_BOOLEAN, 0xFFFFFFFF if value else 0
            elif isinstance(value, int):
                raw, dtype, data = _NO_INDEX, _TYPE_INT_DEC, value
            else:
                raw = sid(value)
                dtype, data = _TYPE_STRING, raw
            attrs += struct.pack("<IIIHBBI", ns, sid(name), raw, 8, 0, dtype, data)
        n = len(el.attrs)
        body.extend(struct.pack("<HHI", 0x0102, 16, 36 + 20 * n))
        body.extend(
            struct.pack("<IIIIHHHHHH", 1, _NO_INDEX, _NO_INDEX, sid(el.tag), 20, 20, n, 0, 0, 0)
        )
        body.extend(attrs)
        if el.text is not None:
            body.extend(struct.pack("<HHIIII", 0x0104, 16, 28, 1, _NO_INDEX, sid(el.text)))
            body.extend(struct.pack("<HBBI", 8, 0, 0, 0))  # typed data: TYPE_NULL
        for child in el.children:
            emit(child)
        body.extend(struct.pack("<HHIIIII", 0x0103, 16, 24, 1, _NO_INDEX, _NO_INDEX, sid(el.tag)))

    emit(root)
    start_ns = struct.pack("<HHIIIII", 0x0100, 16, 24, 1, _NO_INDEX, sid("android"), sid(uri))
    end_ns = struct.pack("<HHIIIII", 0x0101, 16, 24, 1, _NO_INDEX, sid("android"), sid(uri))
    content = _string_pool(strings) + start_ns + bytes(body) + end_ns
    return struct.pack("<HHI", 0x0003, 8, 8 + len(content)) + content


# --- resources.arsc -------------------------------------------------------------------------------

APP_PACKAGE_ID = 0x7F


def _type_chunk(type_id: int, sdk: int, values: list[tuple[int, int]]) -> bytes:
    """A ResTable_type whose entry i holds ``values[i]`` (data type, data) in one configuration."""
    # ResTable_config (64 bytes): sdkVersion sits at offset 24; all zero is the default config.
    config = struct.pack("<I", 64) + bytes(20) + struct.pack("<HH", sdk, 0) + bytes(36)
    header_size = 20 + len(config)
    entries_start = header_size + 4 * len(values)
    offsets = b"".join(struct.pack("<I", 16 * i) for i in range(len(values)))
    entries = b"".join(
        struct.pack("<HHI", 8, 0, i) + struct.pack("<HBBI", 8, 0, dtype, data)
        for i, (dtype, data) in enumerate(values)
    )
    size = entries_start + len(entries)
    head = struct.pack(
        "<HHIBBHII", 0x0201, header_size, size, type_id, 0, 0, len(values), entries_start
    )
    return head + config + offsets + entries


def resource_table(
    package: str,
    type_name: str,
    strings: list[str],
    configs: dict[int, list[tuple[int, int]]],
    keys: list[str] | None = None,
) -> bytes:
    """A resources.arsc with one type whose entries hold the given values per configuration.

    ``configs`` maps an API level (0: the default configuration) to the values of entries
    0x7F010000, 0x7F010001, ...: ``(TYPE_STRING, i)`` is ``strings[i]`` of the global pool,
    ``(TYPE_REFERENCE, rid)`` points to another resource. Every configuration lists every entry;
    ``keys`` names them (default k0, k1...).
    """
    type_id = 1
    count = len(next(iter(configs.values())))
    type_spec = struct.pack("<HHIBBHI", 0x0202, 16, 16 + 4 * count, type_id, 0, 0, count)
    type_spec += bytes(4 * count)
    chunks = b"".join(_type_chunk(type_id, sdk, values) for sdk, values in configs.items())
    keys = keys or [f"k{i}" for i in range(count)]
    type_pool, key_pool = _string_pool([type_name]), _string_pool(keys)
    pkg_header_size = 288
    body = type_pool + key_pool + type_spec + chunks
    name = package.encode("utf-16-le")[:254].ljust(256, b"\x00")
    offsets = struct.pack("<IIIII", pkg_header_size, 1, pkg_header_size + len(type_pool), count, 0)
    pkg = (
        struct.pack("<HHII", 0x0200, pkg_header_size, pkg_header_size + len(body), APP_PACKAGE_ID)
        + name
        + offsets
        + body
    )
    table = _string_pool(strings) + pkg
    return struct.pack("<HHII", 0x0002, 12, 12 + len(table), 1) + table


def resource_id(index: int) -> int:
    """The id of entry ``index`` in a :func:`resource_table`."""
    return (APP_PACKAGE_ID << 24) | (1 << 16) | index


def resources_arsc(
    package: str, type_name: str, key: str, value: str, *, by_sdk: dict[int, str] | None = None
) -> tuple[bytes, int]:
    """A resources.arsc holding one entry ``@type_name/key`` whose value is the string ``value``.

    That is how aapt stores a file resource: the entry's value indexes the table's global string
    pool, which holds the file's path in the APK (``res/xml/network_security_config.xml``).
    ``by_sdk`` adds versions for API-level qualified configurations ({24: "res/xml-v24/..."}).
    Returns the table and the entry's resource id (0x7F010000).
    """
    values = [value, *(by_sdk or {}).values()]
    sdks = [0, *(by_sdk or {})]
    configs = {sdk: [(_TYPE_STRING, i)] for i, sdk in enumerate(sdks)}
    return resource_table(package, type_name, values, configs, [key]), resource_id(0)


@dataclass
class Component:
    kind: str  # activity | service | receiver | provider
    name: str
    exported: bool | None = None
    intent_filter: bool = False
    actions: tuple[str, ...] = ("android.intent.action.MAIN",)


def manifest(
    package: str,
    permissions: list[str],
    *,
    label: str = "Planted",
    version_code: int = 7,
    version_name: str = "1.0",
    min_sdk: int = 21,
    target_sdk: int = 33,
    debuggable: bool | None = None,
    cleartext: bool | None = None,
    allow_backup: bool | None = None,
    components: list[Component] | None = None,
    namespace: str | None = _ANDROID_NS,
    network_security_config: bool | Ref = False,
) -> bytes:
    """A binary AndroidManifest.xml (``namespace``: see :func:`axml`).

    ``network_security_config``: True writes the attribute as a plain string (no resource table
    needed), a :class:`Ref` as the TYPE_REFERENCE aapt writes.
    """
    app = XmlElement("application", [(True, "label", label)])
    if debuggable is not None:
        app.attrs.append((True, "debuggable", debuggable))
    if cleartext is not None:
        app.attrs.append((True, "usesCleartextTraffic", cleartext))
    if allow_backup is not None:
        app.attrs.append((True, "allowBackup", allow_backup))
    if isinstance(network_security_config, Ref):
        app.attrs.append((True, "networkSecurityConfig", network_security_config))
    elif network_security_config:
        app.attrs.append((True, "networkSecurityConfig", "@xml/network_security_config"))
    for c in components or [Component("activity", ".MainActivity", None, True)]:
        el = XmlElement(c.kind, [(True, "name", c.name)])
        if c.exported is not None:
            el.attrs.append((True, "exported", c.exported))
        if c.intent_filter:
            actions = [XmlElement("action", [(True, "name", a)]) for a in c.actions]
            el.children.append(XmlElement("intent-filter", [], actions))
        app.children.append(el)
    root = XmlElement(
        "manifest",
        [
            (True, "versionCode", version_code),
            (True, "versionName", version_name),
            (False, "package", package),
        ],
        [
            XmlElement(
                "uses-sdk",
                [(True, "minSdkVersion", min_sdk), (True, "targetSdkVersion", target_sdk)],
            )
        ]
        + [XmlElement("uses-permission", [(True, "name", p)]) for p in permissions]
        + [app],
    )
    return axml(root, namespace)


# --- dex ------------------------------------------------------------------------------------------


@dataclass
class PlantedClass:
    """A class (dotted name) whose method ``run`` calls, reads and loads what is listed."""

    name: str
    invokes: list[tuple[str, str]] = field(default_factory=list)  # (dotted class, method)
    fields: list[tuple[str, str]] = field(default_factory=list)  # (dotted class, static field)
    strings: list[str] = field(default_factory=list)


def _desc(dotted: str) -> str:
    return "L" + dotted.replace(".", "/") + ";"


def _uleb(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def dex(classes: list[PlantedClass]) -> bytes:
    """A valid dex (version 035) holding the planted classes."""
    strs = {"V", "run", "Ljava/lang/Object;", "Ljava/lang/String;"}
    for c in classes:
        strs.add(_desc(c.name))
        for k, m in c.invokes:
            strs.update((_desc(k), m))
        for k, f in c.fields:
            strs.update((_desc(k), f))
        strs.update(c.strings)
    strings = sorted(strs)
    sidx = {s: i for i, s in enumerate(strings)}
    types = sorted(
        {s for s in strings if s.startswith("L") and s.endswith(";")} | {"V"}, key=lambda s: sidx[s]
    )
    tidx = {t: i for i, t in enumerate(types)}
    fields = sorted(
        {(_desc(k), f) for c in classes for k, f in c.fields},
        key=lambda x: (tidx[x[0]], sidx[x[1]]),
    )
    fidx = {f: i for i, f in enumerate(fields)}
    methods = sorted(
        {(_desc(c.name), "run") for c in classes}
        | {(_desc(k), m) for c in classes for k, m in c.invokes},
        key=lambda x: (tidx[x[0]], sidx[x[1]]),
    )
    midx = {m: i for i, m in enumerate(methods)}
    planted = sorted(classes, key=lambda c: tidx[_desc(c.name)])

    header_size = 0x70
    off = header_size
    string_ids_off = off
    off += 4 * len(strings)
    type_ids_off = off
    off += 4 * len(types)
    proto_ids_off = off
    off += 12
    field_ids_off = off
    off += 8 * len(fields)
    method_ids_off = off
    off += 8 * len(methods)
    class_defs_off = off
    off += 32 * len(planted)
    data_off = off

    data = bytearray()

    def align4() -> None:
        while (data_off + len(data)) % 4:
            data.append(0)

    code_offs = []
    for c in planted:
        align4()
        code_offs.append(data_off + len(data))
        insns: list[int] = []
        for s in c.strings:
            insns += [0x001A, sidx[s]]  # const-string v0
        for k, f in c.fields:
            insns += [0x0062, fidx[(_desc(k), f)]]  # sget-object v0
        for k, m in c.invokes:
            insns += [0x0071, midx[(_desc(k), m)], 0]  # invoke-static {}
        insns.append(0x000E)  # return-void
        data += struct.pack("<HHHHII", 1, 0, 0, 0, 0, len(insns))
        data += b"".join(struct.pack("<H", u) for u in insns)
    class_data_offs = []
    for c, code_off in zip(planted, code_offs, strict=True):
        class_data_offs.append(data_off + len(data))
        data += _uleb(0) + _uleb(0) + _uleb(1) + _uleb(0)
        data += _uleb(midx[(_desc(c.name), "run")]) + _uleb(0x9) + _uleb(code_off)  # public static
    string_data_offs = []
    for s in strings:
        string_data_offs.append(data_off + len(data))
        data += _uleb(len(s)) + s.encode("utf-8") + b"\x00"
    align4()
    map_off = data_off + len(data)
    items = [
        (0x0000, 1, 0),
        (0x0001, len(strings), string_ids_off),
        (0x0002, len(types), type_ids_off),
        (0x0003, 1, proto_ids_off),
        (0x0004, len(fields), field_ids_off),
        (0x0005, len(methods), method_ids_off),
        (0x0006, len(planted), class_defs_off),
        (0x2001, len(planted), code_offs[0] if code_offs else 0),
        (0x2000, len(planted), class_data_offs[0] if class_data_offs else 0),
        (0x2002, len(strings), string_data_offs[0]),
        (0x1000, 1, map_off),
    ]
    items = [i for i in items if i[1]]
    data += struct.pack("<I", len(items))
    for t, n, o in items:
        data += struct.pack("<HHII", t, 0, n, o)

    body = bytearray()
    body += b"".join(struct.pack("<I", o) for o in string_data_offs)
    body += b"".join(struct.pack("<I", sidx[t]) for t in types)
    body += struct.pack("<III", sidx["V"], tidx["V"], 0)
    body += b"".join(
        struct.pack("<HHI", tidx[k], tidx["Ljava/lang/String;"], sidx[f]) for k, f in fields
    )
    body += b"".join(struct.pack("<HHI", tidx[k], 0, sidx[m]) for k, m in methods)
    for c, cd in zip(planted, class_data_offs, strict=True):
        body += struct.pack(
            "<IIIIIIII",
            tidx[_desc(c.name)],
            0x1,
            tidx["Ljava/lang/Object;"],
            0,
            _NO_INDEX,
            0,
            cd,
            0,
        )
    assert header_size + len(body) == data_off
    file_size = data_off + len(data)
    header = bytearray(b"dex\n035\x00" + bytes(24))
    header += struct.pack("<IIIII", file_size, header_size, 0x12345678, 0, 0)
    header += struct.pack("<I", map_off)
    for n, o in (
        (len(strings), string_ids_off),
        (len(types), type_ids_off),
        (1, proto_ids_off),
        (len(fields), field_ids_off if fields else 0),
        (len(methods), method_ids_off),
        (len(planted), class_defs_off),
    ):
        header += struct.pack("<II", n, o)
    header += struct.pack("<II", len(data), data_off)
    assert len(header) == header_size
    out = bytearray(header + body + data)
    out[12:32] = hashlib.sha1(bytes(out[32:])).digest()
    out[8:12] = struct.pack("<I", zlib.adler32(bytes(out[12:])))
    return bytes(out)


def write_apk(
    path: Path,
    manifest_bytes: bytes | None,
    dexes: list[bytes],
    extra: dict[str, bytes] | None = None,
) -> Path:
    """Zip a manifest and dex files into an (unsigned) APK."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if manifest_bytes is not None:
            z.writestr("AndroidManifest.xml", manifest_bytes)
        for i, d in enumerate(dexes):
            z.writestr("classes.dex" if i == 0 else f"classes{i + 1}.dex", d)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path
