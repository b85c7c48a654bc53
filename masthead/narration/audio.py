"""From a spoken script to one MP3: synthesis part by part, natural pauses, encoding.

MP3 because every browser and podcast app plays it. lameenc because it is a
maintained wheel with LAME built in: no ffmpeg on the worker, and it encodes the
int16 samples Piper gives without a temporary WAV file. Constant bit rate, mono,
48 kbit/s at the voice's own 22,050 Hz: speech needs no more, an hour is about
21 MB, and with CBR a browser can seek to a byte offset exactly, which the
"play from this paragraph" markers rely on (VBR files without an index seek
approximately).
"""

from dataclasses import dataclass

import lameenc
import numpy as np

from . import conf

# Silence (seconds) after each kind of part, and between the sentences of a part:
# a reader pauses longer after the headline and around subheadings.
PAUSE_AFTER = {"headline": 0.8, "byline": 0.6, "standfirst": 0.8, "subheading": 0.5, "quote": 0.6, "paragraph": 0.6}
PAUSE_BEFORE = {"subheading": 0.3}
SENTENCE_PAUSE = 0.25
AUDIO_FORMAT = "mp3-cbr-mono-v1"


@dataclass
class Rendered:
    mp3: bytes
    duration_seconds: float
    timings: list
    sample_rate: int


def render(segments, engine, bitrate=None, on_part=None):
    """Speak each segment with `engine`, join them with pauses, and encode the whole as MP3.

    Each sentence is encoded as soon as it is spoken, so the worker never holds
    the article's raw audio (16 MB for 6 minutes) in memory, only the MP3.
    """
    rate = engine.sample_rate
    encoder = mp3_encoder(rate, bitrate or conf.bitrate_kbps())
    mp3, timings, position = bytearray(), [], 0

    def add(samples):
        nonlocal position
        mp3.extend(encoder.encode(samples.astype(np.int16).tobytes()))
        position += len(samples)

    def silence(seconds):
        add(np.zeros(int(round(seconds * rate)), dtype=np.int16))

    for segment in segments:
        if on_part:
            on_part()
        if segment.part in PAUSE_BEFORE and position:
            silence(PAUSE_BEFORE[segment.part])
        timings.append({"part": segment.part, "block": segment.block, "start": round(position / rate, 3)})
        for index, sentence in enumerate(engine.sentences(segment.text)):
            if index:
                silence(SENTENCE_PAUSE)
            add(sentence)
        silence(PAUSE_AFTER.get(segment.part, 0.6))
    mp3.extend(encoder.flush())
    return Rendered(mp3=bytes(mp3), duration_seconds=round(position / rate, 3), timings=timings, sample_rate=rate)


def mp3_encoder(sample_rate, bitrate):
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bitrate)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    # 5 is LAME's balanced default; 2 takes twice the CPU for no audible gain on speech at 48 kbit/s.
    encoder.set_quality(5)
    return encoder


# MPEG audio frame headers, enough to check a file and measure it without a decoder.
_BITRATES = {
    "mpeg1": [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    "mpeg2": [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
_SAMPLE_RATES = {3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000]}


@dataclass
class Mp3Info:
    frames: int
    duration_seconds: float
    sample_rate: int
    bitrates: set


def mp3_info(data):
    """Walk every Layer III frame of `data`; raise ValueError if the stream is not well formed."""
    position = 0
    if data[:3] == b"ID3":
        size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
        position = 10 + size
    frames, samples, sample_rate, bitrates = 0, 0, 0, set()
    while position + 4 <= len(data):
        header = int.from_bytes(data[position : position + 4], "big")
        if header >> 21 != 0x7FF:
            raise ValueError(f"no MP3 frame at byte {position}")
        version, layer = (header >> 19) & 3, (header >> 17) & 3
        bitrate_index, rate_index, padding = (header >> 12) & 15, (header >> 10) & 3, (header >> 9) & 1
        if layer != 1 or version == 1 or rate_index == 3 or bitrate_index in (0, 15):
            raise ValueError(f"not a Layer III frame at byte {position}")
        rate = _SAMPLE_RATES[version][rate_index]
        bitrate = _BITRATES["mpeg1" if version == 3 else "mpeg2"][bitrate_index]
        per_frame = 1152 if version == 3 else 576
        length = (per_frame // 8) * bitrate * 1000 // rate + padding
        frames += 1
        samples += per_frame
        sample_rate = rate
        bitrates.add(bitrate)
        position += length
    if not frames:
        raise ValueError("no MP3 frames")
    return Mp3Info(frames=frames, duration_seconds=samples / sample_rate, sample_rate=sample_rate, bitrates=bitrates)
