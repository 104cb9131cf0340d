"""PDF documents rendered from Django templates (调解协议书, year-end reports …).

The only module of Linli that imports WeasyPrint. A document is an HTML template that extends
``templates/pdf/base.html`` (A4, the Noto CJK fonts of the machine in a 仿宋/宋体 look — Debian's
``fonts-noto-cjk``, installed by ``scripts/setup`` and the Dockerfile — and "第 n 页 共 m 页" in the
bottom margin box of every page), rendered here to bytes.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict | None = None, *, request=None) -> bytes:
    """The PDF of ``template_name`` rendered with ``context``, as bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context or {}, request=request)
    # Relative URLs (images, stylesheets) resolve against the site when rendered for a request.
    base_url = request.build_absolute_uri("/") if request is not None else str(settings.BASE_DIR)
    return HTML(string=html, base_url=base_url).write_pdf()
