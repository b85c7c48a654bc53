"""The lexicon entry's admin form: writers propose, editors decide."""

from wagtail.admin.forms import WagtailAdminModelForm


class LexiconEntryForm(WagtailAdminModelForm):
    """A writer's entry is saved as a proposal (not spoken until an editor approves it).

    Any entry edited here is the newsroom's own, so `load_pronunciations` no longer updates it.
    """

    def save(self, commit=True):
        entry = super().save(commit=False)
        entry.shipped = False  # edited here, so `load_pronunciations` leaves it as it is
        if self.for_user is not None and not self.for_user.has_perm("narration.change_lexiconentry"):
            entry.approved = False
            entry.confirm_broad = False
        if commit:
            entry.save()
            self.save_m2m()
        return entry
