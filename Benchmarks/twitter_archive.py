#!/usr/bin/env python3
"""A generated Twitter/X archive for `make bench`: the .zip as X hands it out, at any size.

    python3 Benchmarks/twitter_archive.py --tweets 50000 --out .build/bench/twitter-50000.zip

The same formats as the archives the import tests build by hand: data/manifest.js naming
data/tweets.js and its parts (10,000 tweets each, as X splits them), data/account.js, and
data/tweets_media/. Deterministic: a fixed seed. One tweet in 10 answers the previous one
(a thread), one in 20 someone else, one in 25 is a retweet, one in 50 has a photo (with alt
text every other time), one in 100 a video; links go through t.co, mentions and hashtags
are listed as the archive lists them.
"""

import argparse
import datetime as dt
import json
import os
import random
import zipfile

PART = 10_000
WORDS = ("bread butter market river morning train letter garden window coffee winter city "
         "notes music forest paper light street book friend evening cat sea road").split()
TAGS = ["baking", "cycling", "swift", "books", "photography", "cats", "music", "rain"]
# A 3x2 PNG (Tests/Fixtures/images/rgb-3x2.png): the smallest image the build reads.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000030000000208020000001216f14d"
    "000000174944415478da636460304a6160486160606138c1000100153601c876fd62910000000049454e44ae426082")


def tweet(rng, number, when, previous):
    id_str = str(1_600_000_000_000_000_000 + number * 7919)
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 40))]
    entities = {"hashtags": [], "urls": [], "user_mentions": []}
    extended = None
    fields = {"id_str": id_str, "id": id_str,
              "created_at": when.strftime("%a %b %d %H:%M:%S +0000 %Y"),
              "favorite_count": str(rng.randint(0, 50)), "retweeted": False, "lang": "en"}
    if number % 25 == 3:
        words = ["RT", "@someone:"] + words
    if rng.random() < 0.3:
        tag = rng.choice(TAGS)
        words.append("#" + tag)
        entities["hashtags"].append({"text": tag, "indices": ["0", "0"]})
    if rng.random() < 0.2:
        short = f"https://t.co/l{number}"
        words.append(short)
        entities["urls"].append({"url": short, "expanded_url": f"https://example.com/{number}?a=1&b=2",
                                 "display_url": f"example.com/{number}"})
    if rng.random() < 0.1:
        words.insert(0, "@friend")
        entities["user_mentions"].append({"screen_name": "friend", "name": "Friend", "id_str": "7"})
    media_files = {}
    if number % 50 == 7 or number % 100 == 11:
        short = f"https://t.co/m{number}"
        words.append(short)
        if number % 100 == 11:
            item = {"url": short, "type": "video", "media_url_https": f"https://pbs.twimg.com/thumb/{number}.jpg",
                    "video_info": {"variants": [
                        {"bitrate": "256000", "content_type": "video/mp4", "url": f"https://video.twimg.com/v/{number}/low.mp4?tag=1"},
                        {"bitrate": "2176000", "content_type": "video/mp4", "url": f"https://video.twimg.com/v/{number}/high.mp4?tag=1"}]}}
            media_files[f"data/tweets_media/{id_str}-high.mp4"] = b"\0" * 4096
        else:
            item = {"url": short, "type": "photo", "media_url_https": f"https://pbs.twimg.com/media/P{number}.png"}
            if number % 100 == 7:
                item["ext_alt_text"] = " ".join(rng.choice(WORDS) for _ in range(8))
            media_files[f"data/tweets_media/{id_str}-P{number}.png"] = PNG
        extended = {"media": [item]}
    if previous and number % 10 == 1:
        fields.update({"in_reply_to_status_id_str": previous, "in_reply_to_user_id_str": "42",
                       "in_reply_to_screen_name": "bench"})
    elif number % 20 == 5:
        fields.update({"in_reply_to_status_id_str": "20", "in_reply_to_user_id_str": "99",
                       "in_reply_to_screen_name": "other"})
    fields["full_text"] = " ".join(words).replace("&", "&amp;")
    fields["entities"] = entities
    if extended:
        fields["extended_entities"] = extended
    return {"tweet": fields}, id_str, media_files


def write(count, out):
    rng = random.Random(11)
    when = dt.datetime(2012, 1, 1, 8, 0, 0)
    step = dt.timedelta(seconds=(11 * 365 * 86400) // max(count, 1))
    parts, media, previous = [], {}, None
    for number in range(count):
        entry, previous, files = tweet(rng, number, when + step * number, previous)
        if number % PART == 0:
            parts.append([])
        parts[-1].append(entry)
        media.update(files)
    names = ["data/tweets.js"] + [f"data/tweets-part{n}.js" for n in range(1, len(parts))]
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with zipfile.ZipFile(out + ".tmp", "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = {"userInfo": {"accountId": "42", "userName": "bench", "displayName": "Bench"},
                    "dataTypes": {
                        "tweets": {"files": [{"fileName": n, "globalName": f"YTD.tweets.part{i}", "count": str(len(p))}
                                             for i, (n, p) in enumerate(zip(names, parts))]},
                        "account": {"files": [{"fileName": "data/account.js", "globalName": "YTD.account.part0", "count": "1"}]}}}
        archive.writestr("data/manifest.js", "window.__THAR_CONFIG = " + json.dumps(manifest, indent=2))
        archive.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(
            [{"account": {"accountId": "42", "username": "bench", "accountDisplayName": "Bench"}}], indent=2))
        for index, (name, part) in enumerate(zip(names, parts)):
            archive.writestr(name, f"window.YTD.tweets.part{index} = " + json.dumps(part, indent=2, ensure_ascii=False))
        for name, data in sorted(media.items()):
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
    os.replace(out + ".tmp", out)
    return {"tweets": count, "media": len(media), "bytes": os.path.getsize(out)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tweets", type=int, default=50_000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    print(json.dumps(write(args.tweets, args.out)))


if __name__ == "__main__":
    main()
