"""The syndication settings in the admin: who may change them, and that a change reaches the feeds."""

import io

from django.contrib.auth.models import Group, User
from django.core.management import call_command

from masthead.syndication.models import SyndicationSettings

from .builders import NewsroomTestCase


class SyndicationSettingsAdminTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        call_command("setup_roles", stdout=io.StringIO())
        cls.url = f"/admin/settings/syndication/syndicationsettings/{cls.site.pk}/"

    def user_in(self, group):
        user = User.objects.create_user(f"{group.lower()}-user", password="x")
        user.groups.add(Group.objects.get(name=group))
        return user

    def test_an_admin_turns_on_full_text_feeds(self):
        self.client.force_login(self.user_in("Admins"))
        page = self.client.get(self.url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Full text in feeds")
        response = self.client.post(self.url, {"full_text_feeds": "on", "feed_length": "10", "share_image": ""})
        self.assertEqual(response.status_code, 302)
        setting = SyndicationSettings.for_site(self.site)
        self.assertTrue(setting.full_text_feeds)
        self.assertEqual(setting.feed_length, 10)
        self.client.logout()
        self.assertContains(self.client.get("/feed/atom/"), '<content type="html">')

    def test_a_writer_cannot_change_them(self):
        self.client.force_login(self.user_in("Writers"))
        response = self.client.get(self.url)
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(SyndicationSettings.for_site(self.site).full_text_feeds)
