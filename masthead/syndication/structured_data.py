"""JSON-LD (schema.org) for search engines: NewsArticle, BreadcrumbList, WebSite with SearchAction, ProfilePage.

The properties follow Google's structured data guides for articles, breadcrumbs
and profile pages (https://developers.google.com/search/docs/appearance/structured-data).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from masthead.core.i18n import language_code
from masthead.core.middleware import newsroom_settings

from .content import (
    SharedImage,
    absolute,
    iso_duration,
    narration_for,
    page_url,
    publisher_logo,
    renditions,
    root_url,
    summary,
)

CONTEXT = "https://schema.org"
AI_NARRATION_NOTE = "This audio is created with AI assistance"


def image_object(image: SharedImage):
    return {"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}


def publisher(request):
    """The newsroom as a NewsMediaOrganization with its logo and social profiles."""
    settings = newsroom_settings(request)
    data = {
        "@type": "NewsMediaOrganization",
        "@id": root_url(request) + "/#publisher",
        "name": settings.name,
        "url": root_url(request) + "/",
        "logo": image_object(publisher_logo(request)),
    }
    same_as = [url for _label, url in settings.social_links]
    if same_as:
        data["sameAs"] = same_as
    return data


def contributor_entity(request, contributor, full=False):
    """A byline name as schema.org sees it: a Person, or an Organization for a desk."""
    data = {
        "@type": "Organization" if contributor.is_desk else "Person",
        "name": contributor.name,
        "url": absolute(request, contributor.get_absolute_url()),
    }
    if full:
        if contributor.role and not contributor.is_desk:
            data["jobTitle"] = contributor.role
        if contributor.bio:
            data["description"] = contributor.bio
        photo = renditions(request, contributor.photo, ["fill-400x400|format-jpeg"], contributor.name)
        if photo:
            data["image"] = photo[0].url
        same_as = [url for _label, url in contributor.social_links]
        if same_as:
            data["sameAs"] = same_as
    return data


def news_article(request, article, images, contributors, section=None):
    """NewsArticle with every property Google recommends, and the narration as an AudioObject."""
    url = page_url(request, article)
    published = article.first_published_at
    modified = article.last_published_at or published
    settings = newsroom_settings(request)
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": url + "#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": summary(article),
        "datePublished": published.isoformat() if published else None,
        "dateModified": modified.isoformat() if modified else None,
        "author": [contributor_entity(request, contributor) for contributor in contributors]
        or [{"@type": "Organization", "name": settings.name, "url": root_url(request) + "/"}],
        "publisher": publisher(request),
        "isAccessibleForFree": True,
        "inLanguage": language_code(),
        "wordCount": article.word_count,
    }
    if images:
        data["image"] = [image.url for image in images]
        if article.lead_image_id:
            data["thumbnailUrl"] = images[0].url
    if section is not None:
        data["articleSection"] = section.title
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    audio = audio_object(request, article)
    if audio:
        data["audio"] = audio
    corrections = [
        {"@type": "CorrectionComment", "text": note.text, "datePublished": note.noted_at.isoformat()}
        for note in article.appended_corrections
    ]
    if corrections:
        data["correction"] = corrections
    return {key: value for key, value in data.items() if value is not None}


def audio_object(request, article):
    narration = narration_for(article)
    if narration is None or not getattr(narration, "audio_url", None):
        return None
    audio = {
        "@type": "AudioObject",
        "name": _("Listen to “%(title)s”") % {"title": article.title},
        "description": _(AI_NARRATION_NOTE),
        "contentUrl": absolute(request, narration.audio_url),
        "encodingFormat": narration.mime_type or "audio/mpeg",
    }
    if narration.duration_seconds:
        audio["duration"] = iso_duration(narration.duration_seconds)
    if narration.size_bytes:
        audio["contentSize"] = f"{narration.size_bytes} B"
    return audio


def breadcrumbs(crumbs):
    """BreadcrumbList from [(name, url)], the current page last."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def website(request):
    """WebSite with a SearchAction, so that search engines can offer a search box for the site."""
    base = root_url(request)
    settings = newsroom_settings(request)
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": base + "/#website",
        "name": settings.name,
        "url": base + "/",
        "inLanguage": language_code(),
        "publisher": {"@id": base + "/#publisher"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": base + reverse("search:search") + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def organization(request):
    return {"@context": CONTEXT, **publisher(request)}


def profile_page(request, contributor):
    """ProfilePage whose main entity is the contributor (a Person, or an Organization for a desk)."""
    url = absolute(request, contributor.get_absolute_url())
    return {
        "@context": CONTEXT,
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": {"@id": url + "#profile", **contributor_entity(request, contributor, full=True)},
    }
