"""The enum words of SPEC §2: each English value and the Chinese alias a file may use instead.

Data only (no pydantic): the reader (onex.plainrows) needs the words before any model exists.
"""

# English value -> accepted Chinese aliases, per enum (SPEC §2).
ENUMS: dict[str, dict[str, str]] = {
    "status": {"active": "在用", "retired": "退出"},
    "role": {"primary": "主", "auxiliary": "辅"},
    "level": {"junior": "初级", "intermediate": "中级", "senior": "高级"},
    "employment": {"full_time": "专职", "part_time": "兼职"},
    "kind": {"trainer": "培训讲师", "examiner": "考评员"},
    "result": {"pass": "通过", "fail": "未通过", "absent": "缺考", "pending": "待定"},
    "fee_payer": {"school": "学校", "student": "学生"},
    "reimbursement": {"pending": "待报销", "submitted": "已提交", "approved": "已审批", "paid": "已支付"},
    "staff_training": {"planned": "计划", "done": "完成", "cancelled": "取消"},
    "source": {"org": "评价组织", "industry": "行业企业"},
}
