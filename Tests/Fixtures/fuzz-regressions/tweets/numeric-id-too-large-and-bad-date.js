window.YTD.tweet.part0 = [{"id": 1e400, "created_at": "Sat Feb 18 12:33:11 +0000 2023", "full_text": ""}, {"id_str": "2", "created_at": "x", "full_text": ""}]
