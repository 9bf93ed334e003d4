window.YTD.tweet.part0 = [ {
  "id" : 1234567890123456789,
  "created_at" : "Mon Jan 02 03:04:05 -0500 2017",
  "full_text" : "RT @eve: # not a heading\n1. not a list\n    &lt;b&gt; *x* &#128075; שלום"
} ]
