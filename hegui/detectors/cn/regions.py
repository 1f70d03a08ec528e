"""Province-level GB/T 2260 codes and names, used by ID validation and address parsing.

Formats only: these are the first two digits of the administrative-division code that begins a
resident ID number, and the names that begin a postal address.
"""

from __future__ import annotations

#: Province-level code -> (full name, short name). 71 Taiwan, 81 Hong Kong, 82 Macao; 83 is used
#: only by residence permits for Taiwan residents (830000).
PROVINCES: dict[str, tuple[str, str]] = {
    "11": ("北京市", "北京"), "12": ("天津市", "天津"), "13": ("河北省", "河北"),
    "14": ("山西省", "山西"), "15": ("内蒙古自治区", "内蒙古"), "21": ("辽宁省", "辽宁"),
    "22": ("吉林省", "吉林"), "23": ("黑龙江省", "黑龙江"), "31": ("上海市", "上海"),
    "32": ("江苏省", "江苏"), "33": ("浙江省", "浙江"), "34": ("安徽省", "安徽"),
    "35": ("福建省", "福建"), "36": ("江西省", "江西"), "37": ("山东省", "山东"),
    "41": ("河南省", "河南"), "42": ("湖北省", "湖北"), "43": ("湖南省", "湖南"),
    "44": ("广东省", "广东"), "45": ("广西壮族自治区", "广西"), "46": ("海南省", "海南"),
    "50": ("重庆市", "重庆"), "51": ("四川省", "四川"), "52": ("贵州省", "贵州"),
    "53": ("云南省", "云南"), "54": ("西藏自治区", "西藏"), "61": ("陕西省", "陕西"),
    "62": ("甘肃省", "甘肃"), "63": ("青海省", "青海"), "64": ("宁夏回族自治区", "宁夏"),
    "65": ("新疆维吾尔自治区", "新疆"), "71": ("台湾省", "台湾"), "81": ("香港特别行政区", "香港"),
    "82": ("澳门特别行政区", "澳门"),
}  # fmt: skip

#: Address codes used by residence permits for Hong Kong, Macao and Taiwan residents (2018-).
RESIDENCE_PERMIT_CODES = {"810000": "Hong Kong", "820000": "Macao", "830000": "Taiwan"}

#: Province prefixes valid at the start of an 18-digit citizen number (83 = Taiwan permits).
ID_PROVINCE_PREFIXES = frozenset(PROVINCES) | {"83"}

#: Large cities that often start an address without their province.
CITIES = (
    "深圳", "广州", "杭州", "南京", "苏州", "成都", "武汉", "西安", "郑州", "长沙", "沈阳",
    "大连", "青岛", "济南", "厦门", "福州", "宁波", "无锡", "合肥", "南昌", "昆明", "贵阳",
    "南宁", "海口", "哈尔滨", "长春", "石家庄", "太原", "呼和浩特", "兰州", "西宁", "银川",
    "乌鲁木齐", "拉萨", "东莞", "佛山", "珠海", "温州", "常州", "徐州",
)  # fmt: skip

PROVINCE_NAMES = tuple(
    sorted({n for pair in PROVINCES.values() for n in pair}, key=len, reverse=True)
)
