"""Financial account information beyond card numbers: account headers, payment and securities IDs."""

from __future__ import annotations

from hegui.detectors.vocabulary import VocabularyDetector


class FinancialAccountDetector(VocabularyDetector):
    """金融账户 (银行账号, 证券账户, 支付账号, 公积金账号, 收入明细)."""

    ENTITY = "FINANCIAL_ACCOUNT"
    TERMS = ()
    CONTEXT = (
        "银行账号", "银行账户", "开户行", "证券账户", "资金账号", "基金账户", "支付账号", "支付宝账号",
        "微信支付", "公积金账号", "保险账户", "收入明细", "工资卡", "iban", "bank account",
        "account_no", "account number", "brokerage",
    )  # fmt: skip
