import Foundation
import Testing
@testable import Samizdat

@Suite("RawHTML")
struct RawHTMLTests {
    /// Site paths become `<site>` + path; everything else stays.
    private func rewrite(_ html: String) -> RawHTML.Result {
        RawHTML.rewrite(html) { $0.hasPrefix("/") ? "SITE" + $0 : nil }
    }

    @Test func rewritesOnlyTheTagsWhoseURLsChange() {
        let input = #"<p class=x>See <a href='/about/' title="a > b">about</a> and <a href="https://e.org/">e</a>.</p>"#
        #expect(rewrite(input).html == #"<p class=x>See <a href="SITE/about/" title="a &gt; b">about</a> and <a href="https://e.org/">e</a>.</p>"#)
    }

    @Test(arguments: [
        (#"<img src="/images/x.svg" alt="">"#, #"<img src="SITE/images/x.svg" alt="">"#),
        (#"<IMG SRC=/images/x.svg ALT=cat/>"#, #"<IMG src="SITE/images/x.svg" alt="cat/">"#),
        (#"<img src="/a.png" />"#, #"<img src="SITE/a.png" />"#),
        (#"<img alt="<img src='/no'>" src="/yes.png">"#, #"<img alt="&lt;img src=&#39;/no&#39;&gt;" src="SITE/yes.png">"#),
        (#"<video poster="/p.jpg" controls><source src="/v.mp4"></video>"#, #"<video poster="SITE/p.jpg" controls><source src="SITE/v.mp4"></video>"#),
        (#"<img srcset="/a.jpg 1x, /b.jpg 2x, https://e.org/c.jpg 3x" src="/a.jpg">"#,
         #"<img srcset="SITE/a.jpg 1x, SITE/b.jpg 2x, https://e.org/c.jpg 3x" src="SITE/a.jpg">"#),
        (#"<a href="/x?a=1&amp;b=2">x</a>"#, #"<a href="SITE/x?a=1&amp;b=2">x</a>"#),
    ])
    func rewritesURLAttributes(input: String, expected: String) {
        #expect(rewrite(input).html == expected)
    }

    @Test func keepsEverythingElseByteForByte() {
        let input = "<figure>\n<!-- a comment with <a href=\"/x\"> -->\n<figcaption>Été &amp; <b>hiver</b></figcaption>\n</figure>\n<script>if (a < b) { x = '<a href=\"/y\">' }</script>"
        #expect(rewrite(input).html == input)
    }

    @Test func unclosedTagsOfABlockAreFine() {
        // A Markdown HTML block may open an element that a later block closes.
        #expect(rewrite("<details>\n<summary><a href=\"/more/\">More</a></summary>").html
            == "<details>\n<summary><a href=\"SITE/more/\">More</a></summary>")
        #expect(rewrite("<a href=\"/about/\">").html == "<a href=\"SITE/about/\">")
        #expect(rewrite("<a href=\"/about/\"").html == "<a href=\"/about/\"")
    }

    @Test func textIncludesImageAltTextButNotScripts() {
        let result = rewrite("<p>A <a href=\"/x\">link</a> and <img src=\"/c.png\" alt=\"a cat\"></p><script>var x = 1</script><style>p{}</style>")
        #expect(result.text == " A link and a cat ")
    }

    @Test func aSameNamedTagInsideAQuotedValueIsNotTakenForTheTag() {
        #expect(rewrite(#"<img alt="x <img a" src="/images/a.png">"#).html == #"<img alt="x &lt;img a" src="SITE/images/a.png">"#)
        #expect(rewrite(#"<a title="compare <a and b" href="/about/">t</a>"#).html == #"<a title="compare &lt;a and b" href="SITE/about/">t</a>"#)
    }

    @Test func aTagInsideACommentOrAStrayEndTagIsNotTakenForTheTag() {
        #expect(rewrite(#"<div><!-- <img alt="--> <img src="/images/x.png"></div>"#).html
            == #"<div><!-- <img alt="--> <img src="SITE/images/x.png"></div>"#)
        #expect(rewrite(#"<div>x</p title="<img a='"><img src='/real.png'></div>"#).html
            == #"<div>x</p title="<img a='"><img src="SITE/real.png"></div>"#)
        #expect(rewrite(#"<div><script>var s = '<a href="';</script><a href="/x">x</a></div>"#).html
            == #"<div><script>var s = '<a href="';</script><a href="SITE/x">x</a></div>"#)
    }

    @Test func svgLinksAreURLsToo() {
        #expect(rewrite(#"<svg><image xlink:href="/images/a.png" /><use xlink:href="/s.svg#i"/></svg>"#).html
            == #"<svg><image xlink:href="SITE/images/a.png" /><use xlink:href="SITE/s.svg#i" /></svg>"#)
    }

    @Test("srcset as HTML reads it", arguments: [
        ("/images/a.png 1x,\n/images/b.png 2x", "SITE/images/a.png 1x, SITE/images/b.png 2x"),
        ("data:image/png;base64,AAAA 1x, /images/b.png 2x", "data:image/png;base64,AAAA 1x, SITE/images/b.png 2x"),
        ("/images/a,b.png 1x", "SITE/images/a,b.png 1x"),
        ("/a.png,/b.png 2x", "SITE/a.png,/b.png 2x"),  // one URL: it runs to whitespace
        ("  /a.png  100w , /b.png (max-width: 10px) 2x ", "SITE/a.png 100w, SITE/b.png (max-width: 10px) 2x"),
        ("/a\u{A0}b.jpg 1x, /c.jpg 2x", "SITE/a\u{A0}b.jpg 1x, SITE/c.jpg 2x"),  // a no-break space is part of the URL
    ])
    func srcset(value: String, expected: String) {
        #expect(RawHTML.rewriteSrcset(value) { $0.hasPrefix("/") ? "SITE" + $0 : nil } == expected)
    }

    @Test func aMetaCharsetDoesNotChangeHowTheTextIsRead() {
        let result = rewrite(#"<div><meta charset="iso-8859-1">ééé <a href="/about/">after</a> ç <img src="/a.png" alt=""></div>"#)
        #expect(result.html == #"<div><meta charset="iso-8859-1">ééé <a href="SITE/about/">after</a> ç <img src="SITE/a.png" alt=""></div>"#)
        #expect(result.text == " ééé after ç ")
    }

    @Test func blocksAndBreaksSeparateWords() {
        let result = rewrite("<div><p>First para.</p><p>Second para.</p><ul><li>one</li><li>two</li></ul>line<br>break<table><tr><td>cellA</td><td>cellB</td></tr></table></div>")
        #expect(result.text == " First para. Second para. one two line break cellA cellB ")
        #expect(rewrite("<br>").text == " ", "an inline <br> keeps the words around it apart")
    }

    @Test func nonASCIIIsKept() {
        #expect(rewrite("<p>ça <img src=\"/images/été.png\" alt=\"été\"> 🚲</p>").html == "<p>ça <img src=\"SITE/images/été.png\" alt=\"été\"> 🚲</p>")
    }
}
