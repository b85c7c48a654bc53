"""What Masthead's own admin screens share."""

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class ToolPageMixin(WagtailAdminTemplateMixin):
    """Breadcrumbs ending in the page's own title, as on Wagtail's own pages.

    Without an item of its own the header shows only "Home": the title is in a heading for screen readers alone.
    """

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]
