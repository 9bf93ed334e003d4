window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "1627000000000000001",
      "id" : "1627000000000000001",
      "created_at" : "Sat Feb 18 12:33:11 +0000 2023",
      "full_text" : "Bread &amp; butter #baking https://t.co/abc with @bob https://t.co/pic",
      "in_reply_to_status_id_str" : "1627000000000000000",
      "in_reply_to_user_id_str" : "42",
      "in_reply_to_screen_name" : "ada",
      "entities" : {
        "hashtags" : [ { "text" : "baking", "indices" : [ "20", "27" ] } ],
        "urls" : [ { "url" : "https://t.co/abc", "expanded_url" : "https://example.com/a_b?c=1&d=2", "display_url" : "example.com/a_b" } ],
        "user_mentions" : [ { "screen_name" : "bob", "name" : "Bob", "id_str" : "7" } ]
      },
      "extended_entities" : {
        "media" : [
          { "url" : "https://t.co/pic", "media_url_https" : "https://pbs.twimg.com/media/Fp2aaa.jpg", "type" : "photo", "ext_alt_text" : "A loaf" },
          { "url" : "https://t.co/pic", "type" : "video", "video_info" : { "variants" : [ { "bitrate" : "2176000", "content_type" : "video/mp4", "url" : "https://video.twimg.com/v/high.mp4?tag=12" } ] } }
        ]
      }
    }
  }
]
