"""A WordPress export (WXR 1.2) of N generated posts, shaped like the real one in masthead/imports/tests/fixtures.

`python -m bench.wxr_generator 5000 OUT.xml UPLOADS_DIR` writes the file and a small uploads folder.
Posts use block markup (paragraphs with bold and links, headings, lists, quotes, images with captions, a
table in every tenth post), 40 authors, 20 categories, 200 tags; 5% drafts and 2% scheduled.
"""

import random
import sys
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = (
    "city council budget river bridge metro market harvest winter power grid school hospital court minister "
    "reporters residents volunteers district repairs traffic prices energy water museum festival railway station"
).split()
IMAGES = 20


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng):
    parts = [sentence(rng) for _ in range(4)]
    parts[1] = f"<strong>{parts[1]}</strong>"
    parts[2] = f'<a href="https://example.org/{rng.randrange(999)}">{parts[2]}</a>'
    return f"<!-- wp:paragraph -->\n<p>{' '.join(parts)}</p>\n<!-- /wp:paragraph -->"


def body(rng, number, site):
    blocks = [paragraph(rng), paragraph(rng)]
    blocks.append(
        f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{escape(sentence(rng, 5))}</h2>\n<!-- /wp:heading -->'
    )
    items = "".join(f"<li>{sentence(rng, 6)}</li>" for _ in range(3))
    blocks.append(f"<!-- wp:list -->\n<ul>{items}</ul>\n<!-- /wp:list -->")
    image = number % IMAGES + 1
    blocks.append(
        f'<!-- wp:image {{"id":{image}}} -->\n<figure class="wp-block-image size-full"><img src="{site}/wp-content/'
        f'uploads/2026/11/photo-{image}.jpg" alt="Photo {image}" class="wp-image-{image}"/><figcaption '
        f'class="wp-element-caption">{sentence(rng, 8)} Photo: Staff</figcaption></figure>\n<!-- /wp:image -->'
    )
    blocks.append(
        f'<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>“{sentence(rng, 10)}”</p><cite>A resident'
        f"</cite></blockquote>\n<!-- /wp:quote -->"
    )
    if number % 10 == 0:
        rows = "".join(f"<tr><td>{rng.choice(WORDS)}</td><td>{rng.randrange(100)}</td></tr>" for _ in range(5))
        blocks.append(
            '<!-- wp:table -->\n<figure class="wp-block-table"><table><thead><tr><th>Item</th><th>Value</th></tr>'
            f"</thead><tbody>{rows}</tbody></table></figure>\n<!-- /wp:table -->"
        )
    blocks += [paragraph(rng) for _ in range(6)]
    return "\n\n".join(blocks)


def write(count, out, uploads, seed=12):
    rng = random.Random(seed)
    site = "http://news.example.org"
    out, uploads = Path(out), Path(uploads)
    (uploads / "2026" / "11").mkdir(parents=True, exist_ok=True)
    from PIL import Image

    for image in range(1, IMAGES + 1):
        Image.new("RGB", (480, 320), (image * 12 % 255, 90, 140)).save(uploads / "2026" / "11" / f"photo-{image}.jpg")
    authors = [(f"author{n}", f"Author Number {n}") for n in range(40)]
    categories = [f"Section {n}" for n in range(20)]
    with out.open("w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n'
            '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        )
        f.write(
            f"<title>Generated</title><link>{site}</link><wp:wxr_version>1.2</wp:wxr_version>"
            f"<wp:base_site_url>{site}</wp:base_site_url><wp:base_blog_url>{site}</wp:base_blog_url>\n"
        )
        for login, name in authors:
            f.write(
                f"<wp:author><wp:author_login><![CDATA[{login}]]></wp:author_login>"
                f"<wp:author_display_name><![CDATA[{name}]]></wp:author_display_name></wp:author>\n"
            )
        for number in range(1, count + 1):
            status = "draft" if number % 20 == 0 else "future" if number % 50 == 1 else "publish"
            year = 2027 if status == "future" else 2020 + number % 6
            date = f"{year}-{number % 12 + 1:02d}-{number % 28 + 1:02d} {number % 24:02d}:{number % 60:02d}:00"
            category = categories[number % len(categories)]
            tags = "".join(
                f'<category domain="post_tag" nicename="tag-{t}"><![CDATA[Tag {t}]]></category>'
                for t in rng.sample(range(200), 3)
            )
            title = escape(sentence(rng, 7).rstrip("."))
            f.write(
                f"<item><title>{title}</title><link>{site}/post-{number}/</link>"
                f"<dc:creator><![CDATA[{authors[number % len(authors)][0]}]]></dc:creator>"
                f"<content:encoded><![CDATA[{body(rng, number, site)}]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[{sentence(rng, 12)}]]></excerpt:encoded>"
                f"<wp:post_id>{1000 + number}</wp:post_id><wp:post_date><![CDATA[{date}]]></wp:post_date>"
                f"<wp:post_date_gmt><![CDATA[{date}]]></wp:post_date_gmt>"
                f"<wp:post_modified_gmt><![CDATA[{date}]]></wp:post_modified_gmt>"
                f"<wp:post_name><![CDATA[post-{number}]]></wp:post_name><wp:status><![CDATA[{status}]]></wp:status>"
                f"<wp:post_type><![CDATA[post]]></wp:post_type>"
                f'<category domain="category" nicename="section-{number % len(categories)}">'
                f"<![CDATA[{category}]]></category>"
                f"{tags}</item>\n"
            )
        f.write("</channel>\n</rss>\n")
    return out


if __name__ == "__main__":
    write(int(sys.argv[1]), sys.argv[2], sys.argv[3])
