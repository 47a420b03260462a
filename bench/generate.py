"""Generate a large, realistic, valid registry (SPEC §2) for benchmarks.

    python -m bench.generate OUT_DIR --colleges 12 --candidates 100000 --years 3 --seed 1

The registry is an institution that follows the policy: at `--as-of <last year>-12-31` it should
pass every rule of SPEC §4. Exam sessions hold about 75 candidates each, written in flow style, so
100,000 candidates make about 1,300 session files (≈ 12 MB). Files are written with plain string
templates, not a YAML dumper, so 100k candidates take a few seconds. The same seed gives
byte-identical files.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random

CANDIDATES_PER_SESSION = 75
LEVELS = ("junior", "intermediate", "senior")

# --- the catalogue: three evaluation organisations --------------------------------------------

# (id, name, number prefix, inspectors appointed by the organisation)
ORGS = (
    ("zhongke-digital", "北京中科数字教育科技有限公司", "ZK", "周芳 邵建国 孔令辉 汤文静 武志刚 龚晓燕"),
    ("huagong-skills", "华工智造职业技能评价有限公司", "HG", "贺立新 薛红梅 钱国栋 侯晓光 覃丽娟 严振华"),
    (
        "jinghua-services",
        "京华现代服务教育科技股份有限公司",
        "JH",
        "顾雪芬 毛建平 郝文斌 万丽萍 段海涛 雷晓琳",
    ),
)

# id: (org index, name, modules, levels offered, junior fee)
CATALOGUE: dict[str, tuple[int, str, str, str, int]] = {
    "web-frontend": (0, "Web前端开发", "网页设计 前端框架 响应式布局 性能优化", "jis", 300),
    "bigdata-app-dev": (0, "大数据应用开发(Python)", "数据采集 数据清洗 数据分析 数据可视化", "jis", 320),
    "cloud-ops": (0, "云计算平台运维与开发", "云平台部署 容器技术 自动化运维 云安全", "jis", 340),
    "network-ops": (0, "网络系统建设与运维", "网络规划 交换路由 网络安全 无线网络", "jis", 320),
    "mobile-app-dev": (0, "移动应用开发", "界面开发 数据存储 网络通信 应用发布", "ji", 300),
    "software-testing": (0, "软件测试", "功能测试 自动化测试 性能测试", "ji", 280),
    "plc-control": (0, "可编程控制器系统应用编程", "PLC编程 触摸屏组态 变频调速 网络通讯", "jis", 360),
    "iot-sensor": (0, "传感网应用开发", "传感器应用 无线组网 嵌入式编程 网关配置", "jis", 330),
    "iot-install": (0, "物联网安装调试与运维", "设备安装 系统调试 运维管理", "ji", 300),
    "electronic-assembly": (0, "电子装联", "元器件识别 焊接装配 整机调试", "ji", 260),
    "ui-design": (0, "界面设计", "视觉设计 交互设计 原型制作 设计规范", "jis", 300),
    "digital-imaging": (0, "数字影像处理", "图像处理 影像合成 色彩管理", "ji", 280),
    "interior-design": (0, "室内设计", "空间设计 软装设计 施工图绘制 效果图表现", "jis", 320),
    "game-art": (0, "游戏美术设计", "原画设计 三维建模 动画制作", "ji", 300),
    "new-media": (0, "新媒体运营", "内容策划 用户运营 数据分析 活动运营", "ji", 260),
    "video-production": (0, "数字影视后期制作", "剪辑 调色 特效合成 音频处理", "jis", 300),
    "live-streaming": (0, "网络直播运营", "直播策划 直播执行 数据复盘", "ji", 260),
    "audio-production": (0, "数字音频制作", "录音 混音 音频修复", "ji", 260),
    "cnc-machining": (1, "数控车铣加工", "工艺编制 数控编程 零件加工 质量检测", "jis", 380),
    "industrial-robot": (1, "工业机器人操作与运维", "机器人示教 离线编程 系统维护 工作站集成", "jis", 380),
    "3d-design": (1, "机械产品三维模型设计", "三维建模 工程图绘制 装配设计", "jis", 320),
    "smart-line": (1, "智能制造生产线集成应用", "生产线安装 控制系统编程 生产线调试", "ji", 360),
    "auto-maintenance": (1, "汽车运用与维修", "发动机维修 底盘维修 电气维修 车身维修", "jis", 340),
    "ev-power": (1, "新能源汽车动力驱动电机电池技术", "电池管理 电机控制 高压安全", "jis", 360),
    "connected-vehicle": (1, "智能网联汽车检测与运维", "传感器标定 智能驾驶测试 车联网运维", "ji", 360),
    "auto-sales": (1, "汽车营销评估与金融保险服务", "汽车营销 二手车评估 保险理赔", "ji", 280),
    "bim": (1, "建筑信息模型(BIM)", "建模基础 专业建模 模型应用 协同管理", "jis", 320),
    "construction-cost": (1, "工程造价数字化应用", "工程计量 计价软件 造价管理", "jis", 300),
    "prefab-building": (1, "装配式建筑构件制作与安装", "构件制作 构件安装 质量验收", "ji", 320),
    "building-drawing": (1, "建筑工程识图", "建筑识图 结构识图 设备识图", "ji", 260),
    "special-welding": (1, "特殊焊接技术", "焊接工艺 焊接操作 焊缝检验", "jis", 380),
    "ndt-inspection": (1, "无损检测", "射线检测 超声检测 磁粉检测", "jis", 360),
    "additive-manufacturing": (1, "增材制造模型设计", "模型设计 切片处理 打印后处理", "ji", 320),
    "mould-flow": (1, "注塑模具模流分析及工艺调试", "模流分析 模具设计 工艺调试", "ji", 340),
    "ecommerce-data": (2, "电子商务数据分析", "数据采集 数据处理 数据分析 报告撰写", "jis", 280),
    "online-store": (2, "网店运营推广", "店铺开设 商品管理 推广运营 客户服务", "ji", 260),
    "logistics-mgmt": (2, "物流管理", "仓储管理 运输管理 配送管理 供应链规划", "jis", 280),
    "cross-border-b2b": (2, "跨境电商B2B数据运营", "平台运营 数据分析 营销推广", "ji", 300),
    "retail-ops": (2, "门店运营管理", "商品陈列 门店销售 库存管理", "ji", 240),
    "smart-tax": (2, "智能财税", "票据处理 财务核算 税费申报 财税分析", "jis", 300),
    "finance-integration": (2, "业财一体信息化应用", "业务处理 财务处理 报表分析", "jis", 300),
    "shared-services": (2, "财务共享服务", "费用共享 资金共享 报表共享", "ji", 280),
    "fintech-advisory": (2, "金融智能投顾", "客户分析 资产配置 投资建议", "ji", 300),
    "elderly-care": (2, "老年照护", "生活照护 基础照护 康复照护 心理照护", "jis", 260),
    "maternal-care": (2, "母婴护理", "孕期护理 产褥期护理 新生儿护理", "jis", 260),
    "dementia-care": (2, "失智老年人照护", "认知评估 日常照护 行为干预", "ji", 260),
    "tcm-wellness": (2, "中医体质评估与应用", "体质辨识 调养方案 健康指导", "ji", 260),
    "hotel-ops": (2, "现代酒店服务质量管理", "前厅服务 客房服务 餐饮服务 质量管理", "jis", 260),
    "study-travel": (2, "研学旅行策划与管理", "课程设计 活动组织 安全管理", "ji", 260),
    "catering-mgmt": (2, "餐饮管理运行", "菜单设计 成本控制 厨房管理", "ji", 260),
    "exhibition-planning": (2, "会展策划与管理", "会展策划 会展营销 现场管理", "ji", 260),
}

# id, name, short name (for document numbers), course prefix, majors "code name", major group,
# adopted certificates, one more certificate some colleges have retired
TEMPLATES = (
    (
        "info",
        "信息工程学院",
        "信息院",
        "IT",
        "510201 计算机应用技术|510203 软件技术|510205 大数据技术|510202 计算机网络技术|510206 云计算技术应用",
        "软件技术专业群",
        "web-frontend bigdata-app-dev cloud-ops network-ops mobile-app-dev",
        "software-testing",
    ),
    (
        "mech",
        "机电工程学院",
        "机电院",
        "ME",
        "460103 数控技术|460301 机电一体化技术|460305 工业机器人技术|460104 机械制造及自动化",
        "智能制造专业群",
        "cnc-machining industrial-robot 3d-design",
        "smart-line",
    ),
    (
        "auto",
        "汽车工程学院",
        "汽车院",
        "AU",
        "500211 汽车检测与维修技术|460702 新能源汽车技术|460704 智能网联汽车技术|500212 汽车技术服务与营销",
        "新能源汽车专业群",
        "auto-maintenance ev-power connected-vehicle",
        "auto-sales",
    ),
    (
        "arch",
        "建筑工程学院",
        "建筑院",
        "AR",
        "440301 建筑工程技术|440501 工程造价|440101 建筑设计|440502 建设工程管理",
        "智能建造专业群",
        "bim construction-cost prefab-building",
        "building-drawing",
    ),
    (
        "biz",
        "经济管理学院",
        "经管院",
        "BZ",
        "530701 电子商务|530605 市场营销|530802 现代物流管理|530702 跨境电子商务",
        "现代商贸专业群",
        "ecommerce-data online-store logistics-mgmt cross-border-b2b",
        "retail-ops",
    ),
    (
        "finance",
        "财经学院",
        "财经院",
        "FN",
        "530302 大数据与会计|530301 大数据与财务管理|530202 金融服务与管理|530303 大数据与审计",
        "财务会计专业群",
        "smart-tax finance-integration shared-services",
        "fintech-advisory",
    ),
    (
        "design",
        "艺术设计学院",
        "设计院",
        "DS",
        "550101 艺术设计|550103 视觉传达设计|550106 环境艺术设计|550115 数字媒体艺术设计",
        "数字创意专业群",
        "ui-design digital-imaging interior-design",
        "game-art",
    ),
    (
        "health",
        "健康学院",
        "健康院",
        "HL",
        "520201 护理|590302 智慧健康养老服务与管理|520601 康复治疗技术|520202 助产",
        "健康照护专业群",
        "elderly-care maternal-care dementia-care",
        "tcm-wellness",
    ),
    (
        "elec",
        "电气工程学院",
        "电气院",
        "EL",
        "460306 电气自动化技术|510101 电子信息工程技术|510102 物联网应用技术|460307 智能控制技术",
        "电气自动化专业群",
        "plc-control iot-sensor iot-install",
        "electronic-assembly",
    ),
    (
        "materials",
        "材料工程学院",
        "材料院",
        "MT",
        "460110 焊接技术与自动化|430601 材料工程技术|460111 理化测试与质检技术|460115 增材制造技术",
        "先进材料专业群",
        "special-welding ndt-inspection additive-manufacturing",
        "mould-flow",
    ),
    (
        "tourism",
        "旅游学院",
        "旅游院",
        "TR",
        "540101 旅游管理|540106 酒店管理与数字化运营|540111 研学旅行管理与服务|540202 烹饪工艺与营养",
        "文旅服务专业群",
        "hotel-ops study-travel catering-mgmt",
        "exhibition-planning",
    ),
    (
        "media",
        "传媒学院",
        "传媒院",
        "MD",
        "560201 新闻采编与制作|560204 网络新闻与传播|560206 影视多媒体技术|560203 播音与主持",
        "融媒体专业群",
        "new-media video-production live-streaming",
        "audio-production",
    ),
)
CHINESE_ORDINALS = "一二三四五六七八九十"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹闫段黎陶傅"
)
GIVEN_1 = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚英华萍红玲波宁欣浩宇轩晨雨怡涵睿博琪颖鑫雪婷晓峰斌辉鹏飞帆"
GIVEN_2 = "文嘉佳思子梓雅诗俊志建国海春秋永德新晓立"
INSPECTION_NOTES = ("抽查课堂", "检查培训签到", "听课评课", "查看培训资料", "检查实训设备")
INSPECTORS = [org[3].split() for org in ORGS]
LEADER_ROLES = ("院长", "副院长", "党总支书记")
OFFICE_STAFF = ("王丽", "陈刚", "刘海燕")  # the office's platform administrators
EXAM_SITES = (
    ("main-campus", "本部考核站点"),
    ("east-campus", "东校区考核站点"),
    ("training-center", "实训中心考核站点"),
)


# --- the model the generator builds before writing --------------------------------------------


@dataclass
class Cert:
    id: str
    org: int
    name: str
    modules: list[str]
    fees: dict[str, int]  # level -> fee


@dataclass
class Major:
    code: str
    name: str
    number: int  # the two digits of student numbers that name the major
    cohorts: dict[int, int] = field(default_factory=dict)
    certificates: list[str] = field(default_factory=list)  # active certificates, primary first


@dataclass
class Instructor:
    id: str
    name: str
    employment: str
    majors: list[str]
    source: str | None = None
    qualifications: list[tuple[str, str, str, date, date | None]] = field(default_factory=list)


@dataclass
class Adoption:
    cert: Cert
    majors: list[tuple[str, str]]  # (code, role)
    levels: list[str]
    filed_on: date
    retired_on: date | None = None
    replaced_by: str | None = None
    training_modules: list[str] = field(default_factory=list)
    team: list[Instructor] = field(default_factory=list)  # full-time trainers; the first is the lead

    @property
    def active(self) -> bool:
        return self.retired_on is None


@dataclass
class College:
    id: str
    index: int
    name: str
    abbr: str
    group: str
    leaders: list[tuple[str, str]]  # (name, role); the second is in charge
    majors: list[Major]
    adoptions: dict[str, Adoption] = field(default_factory=dict)
    instructors: list[Instructor] = field(default_factory=list)
    courses: list[tuple[str, str, list[str]]] = field(default_factory=list)  # code, name, majors
    coverage: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # cert -> module -> courses
    weight: float = 1.0

    @property
    def in_charge(self) -> str:
        return self.leaders[1][0]


@dataclass
class Stats:
    files: int = 0
    bytes: int = 0
    candidates: int = 0
    sessions: int = 0


# --- small helpers ----------------------------------------------------------------------------


def flow(items: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(items) + "]"


def quoted(items: list[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def day_between(rng: Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def apportion(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` into integers proportional to `weights` (largest remainder), each >= minimum
    when the total allows it."""
    if not weights:
        return []
    floor = minimum if total >= minimum * len(weights) else 0
    rest = total - floor * len(weights)
    whole = sum(weights)
    shares = [rest * w / whole for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: rest - sum(counts)]:
        counts[i] += 1
    return [c + floor for c in counts]


class Names:
    """Chinese names, unique within one scope (a college, the office)."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def new(self) -> str:
        while True:
            given = self.rng.choice(GIVEN_1)
            if self.rng.random() < 0.55:
                given = self.rng.choice(GIVEN_2) + given
            name = self.rng.choice(SURNAMES) + given
            if name not in self.taken:
                self.taken.add(name)
                return name


def student_name(key: int) -> str:
    """A student's name, fixed by the student number (the same student keeps one name)."""
    key = (key * 2654435761) & 0xFFFFFFFF
    given = GIVEN_1[key % len(GIVEN_1)]
    key //= len(GIVEN_1)
    if key % 9 < 5:
        given = GIVEN_2[(key // 9) % len(GIVEN_2)] + given
    return SURNAMES[(key // 97) % len(SURNAMES)] + given


class Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.stats = Stats()
        self.made: set[Path] = set()

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)
        data = text.encode("utf-8")
        path.write_bytes(data)
        self.stats.files += 1
        self.stats.bytes += len(data)


# --- building the institution -----------------------------------------------------------------


def build_catalogue() -> dict[str, Cert]:
    catalogue = {}
    for cert_id, (org, name, modules, levels, fee) in CATALOGUE.items():
        offered = [level for level in LEVELS if level[0] in levels]
        catalogue[cert_id] = Cert(
            cert_id, org, name, modules.split(), {lv: fee + 100 * i for i, lv in enumerate(offered)}
        )
    return catalogue


def build_batches(rng: Random, years: list[int]) -> list[dict[int, list[tuple[str, date, date]]]]:
    """Per organisation, per year: two exam batches, in spring and in autumn. Autumn batches end by
    late November so that results and certificates of the last year are in before 31 December."""
    batches = []
    for _ in ORGS:
        per_year = {}
        for year in years:
            per_year[year] = [
                (f"{year}-1", date(year, 5, rng.randint(1, 8)), date(year, 6, rng.randint(24, 30))),
                (f"{year}-2", date(year, 10, rng.randint(8, 15)), date(year, 11, rng.randint(18, 24))),
            ]
        batches.append(per_year)
    return batches


def build_college(
    rng: Random,
    index: int,
    catalogue: dict[str, Cert],
    years: list[int],
    used_codes: set[str],
    candidates_per_major_year: float,
    retires: bool,
) -> College:
    template = TEMPLATES[index % len(TEMPLATES)]
    copy = index // len(TEMPLATES)
    college_id, name, abbr, prefix, major_text, group, cert_text, spare = template
    if copy:
        college_id = f"{college_id}-{copy + 1}"
        name = f"{name}（第{CHINESE_ORDINALS[min(copy, 9)]}校区）"
        abbr = f"{abbr}{copy + 1}"
        prefix = f"{prefix}{copy + 1}"
    names = Names(rng)
    leaders = [(names.new(), role) for role in LEADER_ROLES]

    first, last = years[0], years[-1]
    majors = []
    for entry in major_text.split("|"):
        code, major_name = entry.split()
        while code in used_codes:  # a copied college gets codes of its own
            code = f"{code[:4]}{(int(code[4:]) + 17) % 100:02d}"
        used_codes.add(code)
        base = max(120, round(candidates_per_major_year / 2.2 * rng.uniform(0.85, 1.15)))
        cohorts = {year: max(60, round(base * rng.uniform(0.9, 1.1))) for year in range(first - 3, last + 1)}
        majors.append(Major(code, major_name, len(used_codes) % 100, cohorts))

    college = College(college_id, index, name, abbr, group, leaders, majors)

    # Each major: one primary certificate and up to two auxiliary ones.
    cert_ids = cert_text.split()
    for i, major in enumerate(majors):
        major.certificates = [cert_ids[i % len(cert_ids)]]
        others = [c for c in cert_ids if c != major.certificates[0]]
        major.certificates += sorted(
            rng.sample(others, k=rng.randint(0, min(2, len(others)))), key=cert_ids.index
        )
    for cert_id in cert_ids:  # every adopted certificate lists at least one major
        if not any(cert_id in m.certificates for m in majors):
            rng.choice(majors).certificates.append(cert_id)

    def filed() -> date:  # well before the first training of the first year
        return day_between(rng, date(first - 2, 3, 1), date(first - 1, 9, 30))

    for cert_id in cert_ids:
        cert = catalogue[cert_id]
        roles = [
            (m.code, "primary" if m.certificates[0] == cert_id else "auxiliary")
            for m in majors
            if cert_id in m.certificates
        ]
        levels = list(cert.fees)[: 2 if len(cert.fees) == 2 or rng.random() < 0.6 else 3]
        training = cert.modules[-1:] if rng.random() < 0.75 else []
        college.adoptions[cert_id] = Adoption(cert, roles, levels, filed(), training_modules=training)
    if retires and len(years) >= 2:
        cert = catalogue[spare]
        chosen = sorted(rng.sample(range(len(majors)), k=min(2, len(majors))))
        college.adoptions[spare] = Adoption(
            cert,
            [(majors[i].code, "auxiliary") for i in chosen],
            list(cert.fees)[:2],
            filed(),
            retired_on=date(last - 1, 8, 31),
            replaced_by=majors[chosen[0]].certificates[0],
        )

    # Courses: every module of an adopted certificate not left to training gets one.
    number = 100
    for cert_id, adoption in college.adoptions.items():
        codes = [code for code, _ in adoption.majors]
        college.coverage[cert_id] = {}
        for module in adoption.cert.modules:
            if module in adoption.training_modules:
                college.coverage[cert_id][module] = []
                continue
            number += 1
            course = f"{prefix}{number}"
            college.courses.append((course, module + ("基础" if number % 3 else "实务"), codes))
            college.coverage[cert_id][module] = [course]

    build_instructors(rng, college, names, years)
    return college


def build_instructors(rng: Random, college: College, names: Names, years: list[int]) -> None:
    first, last = years[0], years[-1]
    serial = 0

    def hire(majors: list[str], employment: str = "full_time", source: str | None = None) -> Instructor:
        nonlocal serial
        serial += 1
        if employment == "full_time":
            ident = f"t{rng.randint(2005, first - 2)}{serial:03d}"
        else:
            ident = f"p{serial:03d}"
        teacher = Instructor(ident, names.new(), employment, majors, source)
        college.instructors.append(teacher)
        return teacher

    def qualify(teacher: Instructor, cert: Cert, kind: str, issued: date) -> None:
        # Valid through the as-of date and beyond the expiry warning window (90 days), or open-ended.
        expires = (
            None
            if rng.random() < 0.15
            else date(last + 1 + rng.randint(0, 2), rng.randint(5, 12), rng.randint(1, 28))
        )
        org_prefix = ORGS[cert.org][2]
        number = (
            f"{org_prefix}-{'PX' if kind == 'trainer' else 'KP'}-{issued.year}-{rng.randint(1, 99999):05d}"
        )
        teacher.qualifications.append((cert.id, kind, number, issued, expires))

    early = (date(first - 3, 1, 10), date(first - 1, 12, 20))  # before any training of the first year
    active = [a for a in college.adoptions.values() if a.active]
    for adoption in active:
        codes = [code for code, _ in adoption.majors]
        for _ in range(rng.randint(3, 5)):
            teacher = hire(list(codes))
            qualify(teacher, adoption.cert, "trainer", day_between(rng, *early))
            if rng.random() < 0.4:
                qualify(teacher, adoption.cert, "examiner", day_between(rng, *early))
            adoption.team.append(teacher)
    for adoption in active:  # some teachers also hold a second certificate
        for teacher in list(adoption.team):
            if rng.random() < 0.2 and len(active) > 1:
                other = rng.choice([a for a in active if a is not adoption])
                qualify(teacher, other.cert, rng.choice(("trainer", "examiner")), day_between(rng, *early))
                teacher.majors += [code for code, _ in other.majors if code not in teacher.majors]
    for major in college.majors:  # teachers of the major without a 1+X qualification (yet)
        for _ in range(rng.randint(2, 3)):
            hire([major.code])
    for _ in range(rng.randint(2, 4)):  # part-time teachers do not count, but they are there
        source = rng.choice(("org", "industry"))
        adoption = rng.choice(active)
        teacher = hire([adoption.majors[0][0]], "part_time", source)
        if source == "org":
            qualify(teacher, adoption.cert, "examiner", day_between(rng, *early))
    college.instructors.sort(key=lambda t: (t.employment != "full_time", t.id))


# --- sessions ---------------------------------------------------------------------------------


@dataclass
class Session:
    id: str
    cert: str
    level: str
    batch: str
    date: date
    size: int


def plan_sessions(
    rng: Random,
    colleges: list[College],
    years: list[int],
    candidates: int,
    batches: list[dict[int, list[tuple[str, date, date]]]],
) -> dict[tuple[str, int], list[Session]]:
    count = max(1, round(candidates / CANDIDATES_PER_SESSION)) if candidates else 0
    keys = [(c, y) for c in colleges for y in years]
    per_key = apportion(
        count, [c.weight * (1 + 0.15 * i) for c in colleges for i, _ in enumerate(years)], minimum=1
    )
    sizes = apportion(candidates, [rng.uniform(0.6, 1.4) for _ in range(count)], minimum=1)
    sessions: dict[tuple[str, int], list[Session]] = {}
    position = 0
    for (college, year), n in zip(keys, per_key, strict=True):
        offers, weights = [], []
        for cert_id, adoption in college.adoptions.items():
            for b, (batch_id, start, end) in enumerate(batches[adoption.cert.org][year]):
                if adoption.retired_on and end >= adoption.retired_on:
                    continue
                for k, level in enumerate(adoption.levels):
                    primary = any(role == "primary" for _, role in adoption.majors)
                    offers.append((cert_id, level, b, batch_id, start, end))
                    weights.append((3 if primary else 1) * (1.0, 0.8, 0.3)[k] * (1.2 if b == 0 else 1.0))
        chosen = sorted(rng.choices(range(len(offers)), weights=weights, k=n))
        numbering: Counter[int] = Counter()
        rows = []
        for o in chosen:
            cert_id, level, b, batch_id, start, end = offers[o]
            numbering[o] += 1
            session_id = f"{cert_id}-{level}-b{b + 1}-{numbering[o]:02d}"
            rows.append(
                Session(session_id, cert_id, level, batch_id, day_between(rng, start, end), sizes[position])
            )
            position += 1
        sessions[college.id, year] = rows
    return sessions


def session_text(
    rng: Random,
    college: College,
    session: Session,
    serial: int,
    fees: dict[int, int],
    inspectors: list[str],
    student_digits: int = 10,
) -> tuple[str, int]:
    """The session file and the number of its candidates (student numbers of `student_digits`
    digits: entry year, the major's two digits, then a serial)."""
    serial_digits = student_digits - 6
    adoption = college.adoptions[session.cert]
    year = session.date.year
    matched = [code for code, _ in adoption.majors]
    match_weights = [3 if role == "primary" else 1 for _, role in adoption.majors]
    others = [m.code for m in college.majors if m.code not in matched]
    by_code = {m.code: m for m in college.majors}
    fee = adoption.cert.fees[session.level]
    entry_years = {
        "junior": (year - 1, year - 1, year),
        "intermediate": (year - 2, year - 1),
        "senior": (year - 2,),
    }[session.level]

    people = []
    seen = set()
    while len(people) < session.size:
        enrolled = rng.random() >= 0.01
        funded_major = rng.random() >= 0.03 or not others
        code = rng.choices(matched, weights=match_weights)[0] if funded_major else rng.choice(others)
        major = by_code[code]
        entry = rng.choice(entry_years) if enrolled else year - 3
        serial_no = rng.randint(1, major.cohorts[entry]) % 10**serial_digits
        student = f"{entry}{major.number:02d}{serial_no:0{serial_digits}d}"
        if student in seen:
            continue
        seen.add(student)
        people.append((student, code, enrolled, funded_major))
    people.sort()

    lines = []
    certificate = 0
    for student, code, enrolled, funded_major in people:
        head = f'  - {{student: "{student}", name: {student_name(int(student))}, major: "{code}"'
        if not enrolled:
            head += ", enrolled: false"
        roll = rng.random()
        if roll < 0.05:
            body = ", result: absent"
        elif roll < 0.22:
            body = f", result: fail, score: {rng.randint(28, 59)}"
        else:
            certificate += 1
            body = (
                f", result: pass, score: {rng.randint(60, 98)}, "
                f"certificate_no: X{year}-{college.index + 1:02d}{serial:03d}-{certificate:03d}"
            )
        school_funded = enrolled and funded_major and adoption.active
        if school_funded:
            fees[year] = fees.get(year, 0) + fee
        tail = "}" if school_funded or adoption.retired_on else ", fee_payer: student}"
        lines.append(head + body + tail)

    approved = session.date - timedelta(days=rng.randint(12, 40))
    reported = session.date + timedelta(days=rng.randint(4, 24))
    issued = min(reported + timedelta(days=rng.randint(5, 15)), date(year, 12, 28))
    paid = min(issued + timedelta(days=rng.randint(10, 40)), date(year, 12, 30))
    site = EXAM_SITES[serial % 3][0] if rng.random() < 0.9 else "external"
    ref = f", ref: {college.abbr}〔{year}〕{serial + 20}号" if rng.random() < 0.5 else ""
    head = (
        f"certificate: {session.cert}\n"
        f"level: {session.level}\n"
        f"batch: {session.batch}\n"
        f"date: {session.date}\n"
        f"site: {site}\n"
        f"approval: {{by: {college.in_charge}, on: {approved}{ref}}}\n"
        f"inspector: {rng.choice(inspectors)}\n"
        f"results_reported_on: {reported}\n"
        f"certificates_issued: {{by: {OFFICE_STAFF[serial % 2]}, on: {issued}}}\n"
        f"reimbursement: {{status: paid, finance_ref: 财〔{paid.year}〕{rng.randint(10, 480)}号}}\n"
        "candidates:\n"
    )
    return head + "\n".join(lines) + "\n", len(lines)


# --- the other records ------------------------------------------------------------------------


def institution_text(years: list[int], fees: dict[int, int]) -> str:
    # 5-10 % headroom over the school-funded fees, rounded up to 10,000 yuan.
    budget = ", ".join(
        f"{y}: {-(-fees.get(y, 0) * (105 + 2 * i) // 100 // 10000) * 10000}" for i, y in enumerate(years)
    )
    sites = "".join(f"  - {{id: {sid}, name: {name}}}\n" for sid, name in EXAM_SITES)
    return (
        "# 1+X 证书制度试点登记库（基准测试用，自动生成）\n"
        'institution: {name: 北京某职业技术学院, code: "4111010001"}\n'
        "office:\n"
        "  name: 教务处\n"
        f"  platform_admins: {flow(OFFICE_STAFF[:2])}\n"
        "exam_sites:\n"
        f"{sites}"
        f"fee_budget: {{{budget}}}\n"
        "policy:\n"
        "  min_certified_per_major: 2\n"
        "  recommended_certified_per_major: 3\n"
        '  annual_plan_deadline: "03-31"\n'
        "  results_report_days: 30\n"
        "  expiry_warning_days: 90\n"
    )


def org_text(index: int, catalogue: dict[str, Cert], batches: dict[int, list[tuple[str, date, date]]]) -> str:
    lines = [f"name: {ORGS[index][1]}", "certificates:"]
    for cert in catalogue.values():
        if cert.org != index:
            continue
        levels = ", ".join(f"{level}: {{fee: {fee}}}" for level, fee in cert.fees.items())
        lines += [
            f"  {cert.id}:",
            f"    name: {cert.name}",
            f"    levels: {{{levels}}}",
            f"    modules: {flow(cert.modules)}",
        ]
    lines.append("batches:")
    for year in sorted(batches):
        lines += [f"  - {{id: {bid}, from: {start}, to: {end}}}" for bid, start, end in batches[year]]
    return "\n".join(lines) + "\n"


def college_text(college: College, years: list[int]) -> str:
    lines = [f"name: {college.name}", "leaders:"]
    for i, (name, role) in enumerate(college.leaders):
        lines.append(f"  - {{name: {name}, role: {role}{', in_charge: true' if i == 1 else ''}}}")
    leads = [a.team[0].name for a in college.adoptions.values() if a.active]
    lines.append(f"working_group: {flow([college.in_charge] + leads)}")
    examiners = [a.team[-1].name for a in college.adoptions.values() if a.active]
    lines.append(f"exam_group: {flow([college.leaders[0][0]] + examiners)}")
    lines.append("majors:")
    for major in college.majors:
        cohorts = ", ".join(f"{y}: {n}" for y, n in major.cohorts.items())
        lines += [
            f'  - code: "{major.code}"',
            f"    name: {major.name}",
            f"    group: {college.group}",
            f"    cohorts: {{{cohorts}}}",
            f"    programme: {{version: {years[0] - 1}, certificates: {flow(major.certificates)}}}",
        ]
    lines.append("courses:")
    lines += [
        f"  - {{code: {code}, name: {name}, majors: {quoted(majors)}}}"
        for code, name, majors in college.courses
    ]
    return "\n".join(lines) + "\n"


def instructors_text(college: College) -> str:
    lines = ["instructors:"]
    for t in college.instructors:
        lines += [f"  - id: {t.id}", f"    name: {t.name}", f"    employment: {t.employment}"]
        if t.source:
            lines.append(f"    source: {t.source}")
        lines.append(f"    majors: {quoted(t.majors)}")
        if not t.qualifications:
            lines.append("    qualifications: []")
            continue
        lines.append("    qualifications:")
        for cert, kind, number, issued, expires in t.qualifications:
            until = f", expires_on: {expires}" if expires else ""
            lines.append(
                f'      - {{certificate: {cert}, kind: {kind}, number: "{number}", issued_on: {issued}{until}}}'
            )
    return "\n".join(lines) + "\n"


def adoption_text(rng: Random, college: College, adoption: Adoption) -> str:
    filed = adoption.filed_on
    adopted = filed + timedelta(days=rng.randint(10, 60))
    lines = [
        f"lead: {adoption.team[0].id if adoption.team else college.instructors[0].id}",
        f"status: {'active' if adoption.active else 'retired'}",
        f"filed_on: {filed}",
    ]
    if adoption.retired_on:
        lines += [
            f"retired_on: {adoption.retired_on}",
            f"retirement_note: 行业需求变化，由{college.name}报教务处备案退出，相关专业改考新证书",
            f"replaced_by: {adoption.replaced_by}",
        ]
    lines.append(f"levels: {flow(adoption.levels)}")
    lines.append("majors:")
    lines += [f'  - {{code: "{code}", role: {role}}}' for code, role in adoption.majors]
    number = rng.randint(2, 30)
    lines.append(f"job_standard: {{ref: {college.abbr}〔{filed.year}〕{number}号, adopted_on: {adopted}}}")
    lines.append(
        f"integration_standard: {{ref: {college.abbr}〔{filed.year}〕{number + 1}号, adopted_on: {adopted}}}"
    )
    if adoption.training_modules:
        lines.append(
            f"training_standard: {{ref: {college.abbr}〔{filed.year}〕{number + 2}号, adopted_on: {adopted}}}"
        )
    lines.append("coverage:")
    for module, courses in college.coverage[adoption.cert.id].items():
        lines.append(
            f"  {module}: {{courses: {flow(courses)}}}"
            if courses
            else f"  {module}: {{courses: [], training: true}}"
        )
    return "\n".join(lines) + "\n"


def plan_text(
    rng: Random, college: College, year: int, sessions: list[Session], first_batch: dict[str, str]
) -> str:
    approved = date(year, 1, 8) + timedelta(days=rng.randint(0, 45))
    filed = approved + timedelta(days=rng.randint(3, 14))
    aggregated = filed + timedelta(days=rng.randint(3, 10))
    totals: Counter[tuple[str, str, str]] = Counter()
    for s in sessions:
        totals[s.cert, s.level, s.batch] += s.size
    if not totals:  # a year with no sessions still has a plan
        cert = next(c for c, a in college.adoptions.items() if a.active)
        totals[cert, college.adoptions[cert].levels[0], first_batch[cert]] = 30
    lead = next(a.team[0].id for a in college.adoptions.values() if a.active)
    lines = [
        f"year: {year}",
        f"approval: {{by: {college.leaders[0][0]}, on: {approved}, ref: {college.abbr}〔{year}〕{rng.randint(1, 9)}号}}",
        f"filed: {{by: {lead}, on: {filed}}}",
        f"aggregated_on: {aggregated}",
        "items:",
    ]
    for (cert, level, batch), n in sorted(totals.items()):
        adoption = college.adoptions[cert]
        hours = (16, 24, 32)[LEVELS.index(level)] if adoption.training_modules else 0
        planned = round(n * rng.uniform(0.95, 1.1))
        lines.append(
            f"  - {{certificate: {cert}, level: {level}, majors: {quoted([c for c, _ in adoption.majors])}, "
            f"candidates: {planned}, batch: {batch}, training_hours: {hours}}}"
        )
    active = [c for c, a in college.adoptions.items() if a.active]
    lines.append("facilities:")
    cert = active[year % len(active)]
    lines.append(
        f"  - {{name: {college.adoptions[cert].cert.name}实训室升级, certificates: [{cert}], "
        f"budget: {rng.randint(8, 40) * 10000}, plan_ref: {college.abbr}实训建设规划〔{year}〕}}"
    )
    return "\n".join(lines) + "\n"


def staff_plan_text(rng: Random, college: College, year: int) -> str:
    approved = date(year, 1, 5) + timedelta(days=rng.randint(0, 20))
    lines = [f"year: {year}", f"approval: {{by: {college.leaders[0][0]}, on: {approved}}}", "trainings:"]
    active = [a for a in college.adoptions.values() if a.active]
    learners = [t for t in college.instructors if t.employment == "full_time" and not t.qualifications]
    for teacher in rng.sample(learners, k=min(len(learners), rng.randint(2, 4))):
        adoption = rng.choice(active)
        kind = rng.choice(("trainer", "examiner"))
        month = rng.randint(3, 11)
        status = "cancelled" if rng.random() < 0.1 else "done"
        lines.append(
            f"  - {{instructor: {teacher.id}, certificate: {adoption.cert.id}, kind: {kind}, "
            f"month: {year}-{month:02d}, status: {status}}}"
        )
    return "\n".join(lines) + "\n"


def training_text(
    rng: Random, college: College, adoption: Adoption, level: str, batch_start: date, participants: int
) -> tuple[date, str]:
    # March for the spring batch, September (after the summer break) for the autumn one
    start = batch_start - timedelta(
        days=rng.randint(40, 60) if batch_start.month < 7 else rng.randint(25, 35)
    )
    end = start + timedelta(days=rng.randint(12, 24))
    approved = start - timedelta(days=rng.randint(5, 25))
    team = sorted(rng.sample(adoption.team, k=min(len(adoption.team), rng.randint(2, 3))), key=lambda t: t.id)
    inspections = sorted(
        day_between(rng, start + timedelta(days=1), end - timedelta(days=1)) for _ in range(rng.randint(1, 2))
    )
    lines = [
        f"certificate: {adoption.cert.id}",
        f"level: {level}",
        f"team: {flow([t.id for t in team])}",
        f"modules: {flow(adoption.training_modules)}",
        f"hours: {(16, 24, 32)[LEVELS.index(level)]}",
        f"start: {start}",
        f"end: {end}",
        f"participants: {participants}",
        f"approval: {{by: {college.in_charge}, on: {approved}}}",
        "inspections:",
    ]
    lines += [
        f"  - {{on: {day}, by: {rng.choice(OFFICE_STAFF)}, note: {rng.choice(INSPECTION_NOTES)}}}"
        for day in inspections
    ]
    return start, "\n".join(lines) + "\n"


# --- the whole registry -----------------------------------------------------------------------


def generate(
    out: Path,
    colleges: int = 12,
    candidates: int = 100_000,
    years: int = 3,
    seed: int = 1,
    last_year: int = 2026,
    student_digits: int = 10,
) -> Stats:
    """Write the registry into `out` (which must not exist or be empty) and return its size."""
    if colleges < 1 or candidates < 0 or years < 1:
        raise ValueError("colleges and years must be at least 1, candidates at least 0")
    if not 10 <= student_digits <= 16:
        raise ValueError("student numbers have 10 to 16 digits")
    rng = Random(seed)
    year_list = list(range(last_year - years + 1, last_year + 1))
    catalogue = build_catalogue()
    batches = build_batches(rng, year_list)

    per_major_year = candidates / max(1, years) / (colleges * 4)
    used_codes: set[str] = set()
    institution = []
    for i in range(colleges):
        college = build_college(rng, i, catalogue, year_list, used_codes, per_major_year, retires=i % 3 == 0)
        college.weight = rng.uniform(0.7, 1.3)
        institution.append(college)

    writer = Writer(out)
    for i in range(len(ORGS)):
        writer.write(f"orgs/{ORGS[i][0]}.yaml", org_text(i, catalogue, batches[i]))

    sessions = plan_sessions(rng, institution, year_list, candidates, batches)
    fees: dict[int, int] = {}
    for college in institution:
        base = f"colleges/{college.id}"
        writer.write(f"{base}/college.yaml", college_text(college, year_list))
        writer.write(f"{base}/instructors.yaml", instructors_text(college))
        for cert_id, adoption in college.adoptions.items():
            writer.write(f"{base}/certificates/{cert_id}.yaml", adoption_text(rng, college, adoption))
        for year in year_list:
            held = sessions[college.id, year]
            first_batch = {c: batches[a.cert.org][year][0][0] for c, a in college.adoptions.items()}
            writer.write(f"{base}/plans/{year}.yaml", plan_text(rng, college, year, held, first_batch))
            writer.write(f"{base}/staff-plans/{year}.yaml", staff_plan_text(rng, college, year))

            # One pre-exam training per certificate and batch that has sessions and modules left to training.
            trained: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
            for s in held:
                trained[s.cert, s.batch][s.level] += s.size
            for (cert_id, batch_id), levels in sorted(trained.items()):
                adoption = college.adoptions[cert_id]
                if not adoption.active or not adoption.training_modules:
                    continue
                batch_start = next(
                    start for bid, start, _ in batches[adoption.cert.org][year] if bid == batch_id
                )
                level = levels.most_common(1)[0][0]
                participants = round(sum(levels.values()) * rng.uniform(0.6, 0.9))
                start, text = training_text(rng, college, adoption, level, batch_start, participants)
                writer.write(f"{base}/trainings/{start.year}/{cert_id}-b{batch_id[-1]}.yaml", text)

            for serial, s in enumerate(held, start=1):
                inspectors = INSPECTORS[college.adoptions[s.cert].cert.org]
                text, n = session_text(rng, college, s, serial, fees, inspectors, student_digits)
                writer.write(f"{base}/sessions/{s.date.year}/{s.id}.yaml", text)
                writer.stats.candidates += n
                writer.stats.sessions += 1
    writer.write("onex.yaml", institution_text(year_list, fees))
    return writer.stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the registry folder to create")
    parser.add_argument("--colleges", type=int, default=12)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=3, help="years of records, ending with --last-year")
    parser.add_argument("--last-year", type=int, default=2026)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--student-digits", type=int, default=10, help="digits of a student number (10-16)")
    parser.add_argument("--force", action="store_true", help="replace OUT if it already holds a registry")
    args = parser.parse_args(argv)

    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        if not (args.force and (out / "onex.yaml").is_file()):
            parser.exit(2, f"{out} is not empty (use --force to replace a registry there)\n")
        shutil.rmtree(out)
    started = time.perf_counter()
    try:
        stats = generate(
            out, args.colleges, args.candidates, args.years, args.seed, args.last_year, args.student_digits
        )
    except ValueError as error:
        parser.exit(2, f"{error}\n")
    took = time.perf_counter() - started
    print(
        f"{out}: {stats.files} files, {stats.bytes / 1e6:.1f} MB, {stats.sessions} sessions, "
        f"{stats.candidates} candidates in {took:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
