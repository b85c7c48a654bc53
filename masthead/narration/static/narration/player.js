// Article narration player: progressive enhancement of the native <audio controls>.
// Without this script the native controls play the file; with it, the reader gets
// play/pause, seek, speed, the paragraph being read highlighted, and a marker on
// each paragraph that plays from there.
(function () {
  "use strict";

  var root = document.querySelector("[data-narration]");
  if (!root) return;
  var audio = root.querySelector("audio");
  var controls = root.querySelector(".narration__controls");
  var playButton = root.querySelector(".narration__play");
  var seek = root.querySelector(".narration__seek");
  var speed = root.querySelector(".narration__speed");
  var current = root.querySelector("[data-current]");
  var elapsed = root.querySelector("[data-elapsed]");
  var status = root.querySelector("[data-status]");
  var timingsNode = document.getElementById("narration-timings");
  var timings = timingsNode ? JSON.parse(timingsNode.textContent) : [];
  var duration = parseFloat(root.getAttribute("data-duration")) || 0;
  // In whole seconds rounded, as the page shows it (narration_tags.spoken_duration): "0:09", not "0:08", for 8.7 s.
  var total = Math.round(duration);
  var durationText = clock(total);
  var seeking = false;
  var highlighted = null;

  // The audio's own length once it has loaded; until then the one recorded (they differ by hundredths).
  function length() {
    return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : duration;
  }

  function atEnd(time) {
    return length() > 0 && time >= length() - 0.05;
  }

  // The slider moves in whole seconds; its last step is the second that holds the end, and stands for the end.
  function fitSlider() {
    seek.max = Math.ceil(length());
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds || 0));
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  // Only a change is said: setting the same words again would have a screen reader repeat them.
  function say(message) {
    if (status.textContent !== message) status.textContent = message;
  }

  // Where each part of the script is on the page: the headline, the standfirst, the byline, the body blocks.
  function elementFor(timing) {
    if (timing.block !== null && timing.block !== undefined) {
      return document.querySelector('.article__body [data-block-index="' + timing.block + '"]');
    }
    var selectors = { headline: "#headline", standfirst: ".article__standfirst", byline: ".byline__names" };
    return selectors[timing.part] ? document.querySelector(selectors[timing.part]) : null;
  }
  timings.forEach(function (timing) {
    timing.element = elementFor(timing);
  });

  function partAt(time) {
    var found = null;
    for (var i = 0; i < timings.length; i++) {
      if (timings[i].start <= time + 0.05) found = timings[i];
      else break;
    }
    return found;
  }

  function highlight(time) {
    var part = audio.paused && (time === 0 || atEnd(time)) ? null : partAt(time);
    var element = part ? part.element : null;
    if (element === highlighted) return;
    if (highlighted) {
      highlighted.classList.remove("narration-current");
      highlighted.removeAttribute("aria-current");
    }
    highlighted = element;
    if (element) {
      element.classList.add("narration-current");
      element.setAttribute("aria-current", "true");
    }
  }

  // The marker a listener started playing from, while it keeps the focus: it pauses and resumes like the
  // Play button (and is named like it), so a keyboard user need not go back past the other markers to pause.
  var toggling = null;

  function showState() {
    var playing = !audio.paused && !audio.ended;
    var label = playButton.getAttribute(playing ? "data-label-pause" : "data-label-play");
    root.classList.toggle("narration--playing", playing);
    playButton.setAttribute("aria-label", label);
    if (toggling) {
      toggling.classList.toggle("narration-marker--playing", playing);
      toggling.setAttribute("aria-label", label);
    }
  }

  // The marker is again the paragraph's: "Listen from …", which plays from there.
  function untoggle() {
    if (!toggling) return;
    toggling.classList.remove("narration-marker--playing");
    toggling.setAttribute("aria-label", toggling.getAttribute("data-label"));
    toggling = null;
  }

  function playOrPause() {
    if (audio.paused || audio.ended) {
      // Sent to the end with End while paused, the audio is there but not "ended": it plays again from the start.
      if (atEnd(audio.currentTime)) audio.currentTime = 0;
      var played = audio.play();
      if (played && played.catch) played.catch(function () {});
    } else {
      audio.pause();
    }
  }

  // "0:03 of 1:20", as a screen reader should say it (it read the slash of "0:03 / 1:20" as "slash").
  function positionText(time) {
    var position = root.getAttribute("data-position") || "%(current)s of %(total)s";
    return position.replace("%(current)s", clock(shownTime(time))).replace("%(total)s", durationText);
  }

  // At the end, the total itself ("1:20 of 1:20"): not a second short of it where the total was rounded up, nor
  // past it where the file is a few hundredths longer than recorded.
  function shownTime(time) {
    return atEnd(time) ? total : Math.min(time, total || time);
  }

  function showPosition(time) {
    seek.value = atEnd(time) ? seek.max : Math.floor(time);
    seek.setAttribute("aria-valuetext", positionText(time));
  }

  function showTime() {
    var time = audio.currentTime || 0;
    current.textContent = clock(shownTime(time));
    elapsed.textContent = positionText(time);
    highlight(time);
    if (seeking) return;
    // A screen reader says every change of the focused slider's value: once a second, it talked over the voice
    // being listened to. So while playing, the slider with the focus keeps the position it was given (by the
    // listener's own seeking, or when the focus came to it); the visible time goes on, and the same words
    // are readable beside it (elapsed). Without the focus, or paused, the slider follows the audio, so it
    // says the position of the moment when the focus comes back to it. Saying it every 10-15 s instead
    // would still talk over the voice, and a moving value with an old aria-valuetext is still a change.
    if (document.activeElement === seek && !audio.paused && !audio.ended) return;
    showPosition(time);
  }

  function playFrom(seconds) {
    audio.currentTime = seconds;
    var played = audio.play();
    if (played && played.catch) played.catch(function () {});
    showTime();
  }

  // Swap the native controls for ours in the same box, so nothing on the page moves.
  audio.removeAttribute("controls");
  audio.hidden = true;
  controls.hidden = false;
  root.classList.add("narration--enhanced");

  playButton.addEventListener("click", playOrPause);
  audio.addEventListener("play", showState);
  // Once when the sound starts, from Play or a marker (the button's new name, Pause, is not said to a screen
  // reader that stays on it): not on each time update, nor again after a pause for buffering.
  audio.addEventListener("playing", function () {
    say(root.getAttribute("data-playing") || "Playing");
  });
  // What the live region says stays readable in the page: "Playing" must not outlast the playing.
  audio.addEventListener("pause", function () {
    showState();
    showTime();
    say("");
  });
  // At the end: played to it, or sent there with the slider (End) while paused.
  function finished() {
    untoggle();
    showState();
    showTime();
    highlight(0);
    say(root.getAttribute("data-finished") || "The audio has finished");
    reportFinished();
  }
  audio.addEventListener("ended", finished);
  audio.addEventListener("timeupdate", showTime);
  audio.addEventListener("durationchange", fitSlider);
  audio.addEventListener("seeked", showTime);
  seek.addEventListener("input", function () {
    seeking = true;
    current.textContent = clock(seek.value);
  });
  seek.addEventListener("change", function () {
    seeking = false;
    var target = parseFloat(seek.value);
    audio.currentTime = target >= parseFloat(seek.max) ? length() : target;
    showTime();
    showPosition(audio.currentTime);
    // Playing, the audio ends by itself a moment later; paused, a browser fires no "ended" for a seek there.
    if (audio.paused && atEnd(audio.currentTime)) finished();
  });
  seek.addEventListener("blur", showTime);
  // The arrow keys move on from where the audio is, not from where the quiet slider was left (showTime).
  seek.addEventListener("keydown", function (event) {
    if (/^(Arrow|Page)|^(Home|End)$/.test(event.key)) seek.value = Math.floor(audio.currentTime || 0);
  });
  speed.addEventListener("change", function () {
    audio.playbackRate = parseFloat(speed.value);
    audio.defaultPlaybackRate = audio.playbackRate;
  });

  // A paragraph's first few words, to name its marker: "Listen from “Ships left the port at…”". In a screen
  // reader's list of buttons, a dozen markers of one name could not be told apart, and a paragraph's number
  // is nowhere on the page. Paragraphs that open alike get a word more each until their names differ.
  var OPENING_WORDS = 5;
  function openings(texts) {
    var words = texts.map(function (text) {
      return text.split(/\s+/).filter(Boolean);
    });
    return words.map(function (own, index) {
      function sameAs(count) {
        var start = own.slice(0, count).join(" ");
        return words.some(function (other, j) {
          return j !== index && other.slice(0, count).join(" ") === start;
        });
      }
      var count = Math.min(OPENING_WORDS, own.length);
      while (count < own.length && sameAs(count)) count++;
      // Without its own quotation marks, which would clash with the name's ("Listen from “We are ready,” …").
      var opening = own
        .slice(0, count)
        .join(" ")
        .replace(/[«»“”„"]/g, "")
        .replace(/^[‘’']+/, "")
        .replace(/[\s‘’'.,;:!?…—–-]+$/, "");
      return count < own.length ? opening + "…" : opening;
    });
  }

  // A small button on each narrated body block that plays from there. It sits in the
  // block's margin (absolutely positioned), so adding it moves no text.
  var markerLabel = root.getAttribute("data-marker-label") || "Listen from “%s”";
  var marked = timings.filter(function (timing) {
    return timing.block !== null && timing.block !== undefined && timing.element;
  });
  var names = openings(
    marked.map(function (timing) {
      return timing.element.innerText;
    })
  );
  marked.forEach(function (timing, index) {
    var marker = document.createElement("button");
    marker.type = "button";
    marker.className = "narration-marker";
    marker.setAttribute("data-label", markerLabel.replace("%s", function () { return names[index]; }));
    marker.setAttribute("aria-label", marker.getAttribute("data-label"));
    marker.setAttribute("data-start", timing.start);
    marker.innerHTML =
      '<svg aria-hidden="true" viewBox="0 0 24 24" width="14" height="14"><path class="narration__play-icon" d="M8 5v14l11-7z" fill="currentColor"/><path class="narration__pause-icon" d="M6 5h4v14H6zm8 0h4v14h-4z" fill="currentColor"/></svg>';
    marker.addEventListener("click", function () {
      if (toggling === marker) {
        playOrPause();
        return;
      }
      untoggle();
      toggling = marker;
      playFrom(timing.start);
      showState();
    });
    // Once the focus has gone elsewhere in the page (not when the window loses it), the name again says what
    // pressing it does from wherever the listener comes back: play from this paragraph.
    marker.addEventListener("blur", function () {
      setTimeout(function () {
        if (toggling === marker && document.activeElement !== marker) untoggle();
      });
    });
    timing.element.classList.add("narration-block");
    timing.element.insertBefore(marker, timing.element.firstChild);
  });

  // Listen analytics without tracking: counts per article per day, sent as beacons with a
  // random id for this page view only (no cookie, nothing stored in the browser).
  var listenUrl = root.getAttribute("data-listen-url");
  var articleId = root.getAttribute("data-article");
  var viewId = randomId();
  var sent = {};
  function randomId() {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function report(event) {
    if (!listenUrl || !articleId || sent[event]) return;
    sent[event] = true;
    var body = new URLSearchParams({ article: articleId, event: event, view: viewId });
    if (navigator.sendBeacon) navigator.sendBeacon(listenUrl, body);
    else fetch(listenUrl, { method: "POST", body: body, credentials: "omit", keepalive: true });
  }
  audio.addEventListener("play", function () { report("play"); });
  audio.addEventListener("timeupdate", function () {
    var length = audio.duration || duration;
    if (!length) return;
    var share = audio.currentTime / length;
    [25, 50, 75].forEach(function (quarter) {
      if (share >= quarter / 100) report(String(quarter));
    });
  });
  function reportFinished() {
    ["25", "50", "75", "100"].forEach(function (event) { report(event); });
  }
  speed.addEventListener("change", function () { report("speed"); });

  fitSlider();
  showState();
  showTime();
})();
