/* Live News Feed: keeps the sidebar and /news-feed/ current without a reload.
 *
 * Polls updates.json?after=<cursor> (every 15 s by default, paused while the
 * tab is hidden, at once when it comes back). Corrections replace an item in
 * place, removed items disappear. New items never push content under the
 * reader's eyes: while the feed is on screen they wait behind an "N new items"
 * button in an aria-live region; when it is off screen they go straight in.
 * Without JavaScript the pages are complete; this only keeps them fresh.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-news-feed]");
  if (!root || !window.fetch || !("content" in document.createElement("template"))) return;

  var mode = root.getAttribute("data-news-feed"); // "sidebar" or "page"
  var updatesUrl = root.getAttribute("data-updates-url");
  var cursor = root.getAttribute("data-cursor");
  var interval = Math.max(500, Number(root.getAttribute("data-poll-interval")) || 6000);
  var limit = Number(root.getAttribute("data-limit")) || 0;
  // Older pages of /news-feed/ (?before=…) take corrections but not new items.
  var acceptsNew = root.getAttribute("data-live") !== "false";
  var notice = root.querySelector("[data-news-feed-notice]");
  var pending = new Map();
  var timer = null;
  var busy = false;

  function label(count) {
    if (count === 1) return root.getAttribute("data-label-one");
    return root.getAttribute("data-label-many").replace("%(count)s", String(count));
  }

  function elementsFor(id) {
    return root.querySelectorAll('[data-news-item="' + id + '"]');
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  // Newest first; in the sidebar pinned items come before all others.
  function sortKey(el) {
    return {
      pinned: mode === "sidebar" && el.getAttribute("data-pinned") === "1",
      published: Number(el.getAttribute("data-published")),
      id: Number(el.getAttribute("data-news-item")),
    };
  }

  function comesBefore(a, b) {
    if (a.pinned !== b.pinned) return a.pinned;
    if (a.published !== b.published) return a.published > b.published;
    return a.id > b.id;
  }

  function insertSorted(list, el) {
    var key = sortKey(el);
    var children = list.children;
    for (var i = 0; i < children.length; i++) {
      if (comesBefore(key, sortKey(children[i]))) {
        list.insertBefore(el, children[i]);
        return;
      }
    }
    list.appendChild(el);
  }

  function sidebarList() {
    return root.querySelector("[data-news-feed-list]");
  }

  function dayList(item) {
    var days = root.querySelector("[data-news-feed-days]");
    var section = days.querySelector('[data-day="' + item.day + '"]');
    if (!section) {
      section = document.createElement("section");
      section.className = "news-feed__day";
      section.setAttribute("data-day", item.day);
      section.setAttribute("aria-labelledby", "day-" + item.day);
      var heading = document.createElement("h2");
      heading.className = "news-feed__day-title";
      heading.id = "day-" + item.day;
      heading.textContent = item.day_label;
      section.appendChild(heading);
      section.appendChild(document.createElement("ol")).className = "news-feed__list";
      var later = Array.prototype.find.call(days.children, function (other) {
        return other.getAttribute("data-day") < item.day;
      });
      days.insertBefore(section, later || null);
    }
    return section.querySelector("ol");
  }

  function pinnedList() {
    var box = root.querySelector("[data-news-feed-pinned]");
    box.hidden = false;
    return box.querySelector("ol");
  }

  // Where an item belongs now, or null if this page should not show it.
  function targetList(item, isNew) {
    if (mode === "sidebar") return sidebarList();
    if (item.pinned) return acceptsNew ? pinnedList() : null;
    if (isNew && !acceptsNew) return null;
    return dayList(item);
  }

  function shownItems() {
    return mode === "sidebar" ? Array.prototype.slice.call(sidebarList().children) : [];
  }

  // Would this item be among what the page shows? (The sidebar shows only the latest few.)
  function belongsOnPage(item) {
    if (!acceptsNew) return false;
    if (mode !== "sidebar") {
      var items = root.querySelectorAll("[data-news-feed-days] [data-news-item]");
      var last = items[items.length - 1];
      return item.pinned || !last || Number(item.published) >= Number(last.getAttribute("data-published"));
    }
    var shown = shownItems();
    if (!limit || shown.length < limit) return true;
    var key = { pinned: item.pinned, published: Number(item.published), id: item.id };
    return comesBefore(key, sortKey(shown[shown.length - 1]));
  }

  function trimSidebar() {
    if (mode !== "sidebar" || !limit) return;
    var shown = shownItems();
    for (var i = limit; i < shown.length; i++) shown[i].remove();
  }

  function updateEmptyState() {
    var empty = root.querySelector("[data-news-feed-empty]");
    if (empty && root.querySelector("[data-news-item]")) empty.remove();
    root.querySelectorAll(".news-feed__day").forEach(function (day) {
      if (!day.querySelector("[data-news-item]")) day.remove();
    });
    var pinned = root.querySelector("[data-news-feed-pinned]");
    if (pinned) pinned.hidden = !pinned.querySelector("[data-news-item]");
  }

  // Whether the reader can see where the "N new items" button appears (the top of the feed).
  function onScreen() {
    var rect = notice.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight && root.getBoundingClientRect().height > 0;
  }

  // Changes the page without moving what the reader is looking at: if the
  // feed is above the viewport, the text at the centre of the screen stays put.
  function keepingPlace(change) {
    var anchor = null;
    var before = 0;
    if (root.getBoundingClientRect().bottom <= 0) {
      anchor = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
      if (anchor) before = anchor.getBoundingClientRect().top;
    }
    change();
    if (anchor && anchor.isConnected) {
      var moved = anchor.getBoundingClientRect().top - before;
      if (moved) window.scrollBy(0, moved);
    }
  }

  function removeItem(id) {
    pending.delete(id);
    elementsFor(id).forEach(function (el) {
      el.remove();
    });
  }

  function applyItem(item) {
    var existing = elementsFor(item.id);
    if (!existing.length) {
      if (pending.has(item.id) || belongsOnPage(item)) pending.set(item.id, item);
      return;
    }
    var first = existing[0];
    if (first.getAttribute("data-version") === item.version) return;
    var moved =
      first.getAttribute("data-pinned") !== (item.pinned ? "1" : "0") ||
      first.getAttribute("data-published") !== item.published;
    if (!moved) {
      // A correction or an edit: the new text takes the old one's place.
      existing.forEach(function (el) {
        el.replaceWith(fromHtml(item.html));
      });
      return;
    }
    existing.forEach(function (el) {
      el.remove();
    });
    if (belongsOnPage(item)) {
      var list = targetList(item, false);
      if (list) insertSorted(list, fromHtml(item.html));
    }
  }

  function showPending(moveFocus) {
    var items = Array.from(pending.values());
    pending.clear();
    if (!items.length) return;
    var firstEl = null;
    keepingPlace(function () {
      items.forEach(function (item) {
        if (elementsFor(item.id).length) return;
        var list = targetList(item, true);
        if (!list) return;
        var el = fromHtml(item.html);
        el.classList.add("news-item--new");
        insertSorted(list, el);
        if (!firstEl || comesBefore(sortKey(el), sortKey(firstEl))) firstEl = el;
      });
      trimSidebar();
      updateEmptyState();
    });
    if (moveFocus && firstEl && firstEl.isConnected) {
      firstEl.setAttribute("tabindex", "-1");
      firstEl.focus({ preventScroll: mode === "sidebar" });
      if (mode !== "sidebar") firstEl.scrollIntoView({ block: "start" });
    }
  }

  function announce() {
    var existing = notice.querySelector("button");
    if (existing) {
      // Keep the same button (and the reader's focus on it); only its count changes. Written only when it
      // does: every write inside the live region may be read out again, at every poll.
      var text = label(pending.size);
      if (existing.textContent !== text) existing.textContent = text;
      return;
    }
    notice.textContent = "";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "news-feed__new-button";
    button.textContent = label(pending.size);
    button.addEventListener("click", function () {
      notice.textContent = "";
      showPending(true);
    });
    notice.appendChild(button);
  }

  function apply(data) {
    keepingPlace(function () {
      (data.removed || []).forEach(removeItem);
      // Oldest change first, so that the newest state of each item wins.
      (data.items || []).slice().reverse().forEach(applyItem);
      trimSidebar();
      updateEmptyState();
    });
    if (!pending.size) {
      notice.textContent = "";
    } else if (onScreen()) {
      announce();
    } else {
      showPending(false);
      notice.textContent = root.getAttribute("data-label-added");
    }
  }

  function schedule() {
    clearTimeout(timer);
    if (!document.hidden) timer = setTimeout(poll, interval);
  }

  function poll() {
    if (busy) return;
    busy = true;
    clearTimeout(timer);
    // no-cache: always ask (the CDN or the server), sending our ETag, so a
    // 304 costs nothing. No cookies: the answer is the same for every reader.
    fetch(updatesUrl + "?after=" + encodeURIComponent(cursor), {
      cache: "no-cache",
      credentials: "omit",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (response.status === 400) {
          // Our cursor is no good (a very old page): start again from now.
          return fetch(updatesUrl, { cache: "no-cache", credentials: "omit" }).then(function (fresh) {
            return fresh.json().then(function (data) {
              cursor = data.cursor;
            });
          });
        }
        if (!response.ok) return null;
        return response.json().then(function (data) {
          apply(data);
          cursor = data.cursor;
        });
      })
      .catch(function () {
        /* Offline or a server hiccup: try again at the next tick. */
      })
      .then(function () {
        busy = false;
        schedule();
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) clearTimeout(timer);
    else poll();
  });

  // "Load more" on /news-feed/: fetch the next page and add its items here.
  root.addEventListener("click", function (event) {
    var link = event.target.closest("[data-load-more]");
    if (!link) return;
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    fetch(link.href, { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        var days = root.querySelector("[data-news-feed-days]");
        var firstNew = null;
        next.querySelectorAll("[data-news-feed-days] [data-day]").forEach(function (section) {
          var same = days.querySelector('[data-day="' + section.getAttribute("data-day") + '"]');
          var items = section.querySelectorAll("[data-news-item]");
          if (same) {
            var list = same.querySelector("ol");
            items.forEach(function (el) {
              if (elementsFor(el.getAttribute("data-news-item")).length) return;
              var imported = document.importNode(el, true);
              list.appendChild(imported);
              firstNew = firstNew || imported;
            });
          } else {
            var imported = document.importNode(section, true);
            days.appendChild(imported);
            firstNew = firstNew || imported.querySelector("[data-news-item]");
          }
        });
        var pagination = root.querySelector("[data-news-feed-pagination]");
        var nextPagination = next.querySelector("[data-news-feed-pagination]");
        if (nextPagination) pagination.replaceWith(document.importNode(nextPagination, true));
        else pagination.remove();
        if (firstNew) {
          firstNew.setAttribute("tabindex", "-1");
          firstNew.focus({ preventScroll: true });
        }
      })
      .catch(function () {
        window.location.href = link.href; // the plain link still works
      });
  });

  // A CDN may have served this page a minute or two old: catch up at once.
  poll();
})();
