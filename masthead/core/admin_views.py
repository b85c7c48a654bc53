"""What Masthead's own admin screens share."""

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class ToolPageMixin(WagtailAdminTemplateMixin):
    """Breadcrumbs ending in the page's own title, as on Wagtail's own pages.

    Without an item of its own the header shows only "Home": the title is in a heading for screen readers alone.
    """

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class AddButtonLabel:
    """A viewset whose "Add …" button says a phrase of its own, translated whole ("Add a newsletter").

    Wagtail's label is "Add %(model_name)s" with the model's name put in as it is; in Ukrainian that name
    needs another case («Додати розсилку», not «Додати розсилка»), which only a phrase of its own can say.
    """

    add_item_label = None

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_item_label=self.add_item_label, **kwargs)
