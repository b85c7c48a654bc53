"""`manage.py narration_check`: how well a listener understands one article's narration, or a text file's lines."""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masthead.articles.models import ArticlePage
from masthead.narration.script import load_lexicon, source_parts


class Command(BaseCommand):
    help = (
        "Speaks an article (id or slug) or each line of a text file, raw and as Masthead narrates it, "
        "transcribes both with Whisper tiny.en and prints the word error rates. Needs the dev requirements."
    )

    def add_arguments(self, parser):
        parser.add_argument("article", nargs="?", help="an article's id or slug")
        parser.add_argument("--file", help="a UTF-8 text file: one sentence or paragraph per line")
        parser.add_argument("--show", action="store_true", help="print what was heard for each part")

    def handle(self, *args, article=None, file=None, show=False, **options):
        from masthead.narration import intelligibility

        if bool(article) == bool(file):
            raise CommandError("Name one article, or give --file FILE.")
        if file:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"No file “{file}”.")
            texts = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        else:
            pages = ArticlePage.objects.all()
            page = pages.filter(pk=int(article)).first() if article.isdigit() else None
            page = page or pages.filter(slug=article).first()
            if page is None:
                raise CommandError(f"No article with id or slug “{article}”.")
            texts = [text for _part, _block, text in source_parts(page.specific)]
        if not texts:
            raise CommandError("There is nothing to read.")
        logging.getLogger("faster_whisper").setLevel(logging.WARNING)
        try:
            model = intelligibility.load_transcriber()
        except intelligibility.TranscriberMissing as error:
            raise CommandError(str(error)) from error

        def progress(category, reference, raw_heard, our_heard):
            if show:
                self.stdout.write(f"said:    {reference}\nraw:     {raw_heard}\nMasthead: {our_heard}\n")

        # One category per part, so a long article is scored part by part.
        sentences = [(f"part {index + 1}", text) for index, text in enumerate(texts)]
        results = intelligibility.compare(sentences, lexicon=load_lexicon(), model=model, progress=progress)
        raw, ours = results["all"]
        self.stdout.write(
            f"{len(texts)} part(s), {raw.words} words. Word error rate: raw Piper {raw.wer:.3f}, "
            f"Masthead {ours.wer:.3f}."
        )
