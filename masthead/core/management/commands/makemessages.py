"""Django's makemessages, without gettext's guesses for new strings.

msgmerge marks a new string "fuzzy" with the translation of a similar old one
("Welcome series" would get the Ukrainian of "Welcome to %(name)s"); a fuzzy
guess is not shown to readers, but it looks done to the person translating.
New strings arrive empty instead, and the catalogue check names them.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
