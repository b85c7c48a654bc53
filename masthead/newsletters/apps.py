from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "masthead.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"
    role_permissions = {
        "Writers": [
            "newsletters.view_newsletter",
            "newsletters.add_edition",
            "newsletters.change_edition",
            "newsletters.view_edition",
        ],
        "Editors": [
            "newsletters.add_newsletter",
            "newsletters.change_newsletter",
            "newsletters.view_newsletter",
            "newsletters.add_edition",
            "newsletters.change_edition",
            "newsletters.delete_edition",
            "newsletters.view_edition",
            "newsletters.send_edition",
            "newsletters.add_subscription",
            "newsletters.change_subscription",
            "newsletters.view_subscription",
            "newsletters.change_subscriber",
            "newsletters.view_subscriber",
        ],
    }

    def ready(self):
        from masthead.core import assets

        from . import signals, webhooks  # noqa: F401  (connects the webhooks' signals, registers their check)

        assets.register("newsletter-signup", css=["newsletters/newsletters.css"], js=["newsletters/signup.js"])
