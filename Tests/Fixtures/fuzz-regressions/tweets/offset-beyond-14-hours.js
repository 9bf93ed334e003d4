window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "created_at": "Tue Feb 29 23:59:60 -1800 2028", "full_text": "x"}}]
