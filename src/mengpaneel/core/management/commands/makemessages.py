"""Django's makemessages, with ``--no-fuzzy-matching`` for msgmerge.

Fuzzy guesses look translated but are skipped at run time; our catalogue test
would flag them anyway. Without guesses every new string shows up as plainly
untranslated, which is what the translator needs to see.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-fuzzy-matching",
            action="store_true",
            help="Leave new strings untranslated instead of guessing from similar ones.",
        )

    def handle(self, *args, **options) -> None:
        if options["no_fuzzy_matching"]:
            self.msgmerge_options = [*self.msgmerge_options, "--no-fuzzy-matching"]
        super().handle(*args, **options)
