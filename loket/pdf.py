"""Rendering templates to PDF with WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string


def render_to_pdf(template_name: str, context: dict) -> tuple[str, bytes]:
    """Render a template to HTML and to a tagged, accessible PDF (PDF/UA-1).

    WeasyPrint is imported here, not at module level: it loads Pango and friends, which only
    the processes that actually render need.
    """
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    base_url = str(settings.BASE_DIR / "static")
    pdf = HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")
    return html, pdf
