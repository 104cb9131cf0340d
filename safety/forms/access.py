from django import forms

PURPOSE_CHOICES = [
    ("", "请选择或填写"),
    ("走访帮教", "走访帮教"),
    ("调解工作", "调解工作"),
    ("核实情况", "核实情况"),
    ("上级检查", "上级检查"),
    ("统计报表", "统计报表"),
]


class PurposeForm(forms.Form):
    """The purpose a user states before a sensitive record is shown (查阅事由)."""

    purpose = forms.CharField(
        label="查阅事由",
        max_length=200,
        help_text="查阅敏感信息须说明事由,系统将记录查阅人、时间和事由。",
        widget=forms.TextInput(attrs={"list": "purpose-choices", "autofocus": True}),
        error_messages={"required": "请说明查阅事由。"},
    )
