import Foundation
@testable import Samizdat
import Testing

@Suite("ShortcodeConverter")
struct ShortcodeConverterTests {
    let hugo = ShortcodeConverter(syntax: .hugo, resolve: { $0 == "other.md#part" ? "../other.md#part" : nil })
    let liquid = ShortcodeConverter(syntax: .liquid, resolve: { $0 == "post_url:2020-01-01-a" ? "2020-01-01-a.md" : nil })

    @Test(arguments: [
        (#"{{< figure src="a b.jpg" alt="An [odd] one" >}}"#, "![An \\[odd\\] one](<a b.jpg>)"),
        (#"{{< figure src="a.jpg" link="https://x.example" title="T" >}}"#,
         #"<figure><a href="https://x.example"><img src="a.jpg" alt=""></a><figcaption>T</figcaption></figure>"#),
        (#"{{< ref "other.md#part" >}}"#, "../other.md#part"),
        ("{{< vimeo 123 >}}", "<https://vimeo.com/123>"),
        ("{{< tweet 20 >}}", "<https://twitter.com/i/status/20>"),
        ("{{< instagram BWNjjyYFxVx >}}", "<https://www.instagram.com/p/BWNjjyYFxVx/>"),
        ("{{</* figure src=x */>}}", "{{< figure src=x >}}"),
        ("{{% highlight sh %}}\nls ```x```\n{{% /highlight %}}", "````sh\nls ```x```\n````"),
    ])
    func hugoShortcodes(input: String, expected: String) {
        let result = hugo.convert(input)
        #expect(result.text == expected)
        #expect(result.leftovers.isEmpty)
    }

    @Test(arguments: [
        ("{%- raw -%}{{ x }}{%- endraw -%}", "{{ x }}"),
        ("{% post_url 2020-01-01-a %}", "2020-01-01-a.md"),
        ("{% youtube abc %}", "<https://www.youtube.com/watch?v=abc>"),
        ("{% gist ada/123 %}", "<https://gist.github.com/ada/123>"),
        ("{{ '/img/a.png' | relative_url }}", "/img/a.png"),
        ("{% highlight js linenos %}\nx()\n{% endhighlight %}", "```js\nx()\n```"),
    ])
    func liquidTags(input: String, expected: String) {
        let result = liquid.convert(input)
        #expect(result.text == expected)
        #expect(result.leftovers.isEmpty)
    }

    @Test func whatHasNoEquivalentIsLeftAndListedWithItsLine() {
        let hugoResult = hugo.convert("One\n{{< ref \"missing.md\" >}}\n\n{{< highlight go >}}\nnever closed")
        #expect(hugoResult.text == "One\n{{< ref \"missing.md\" >}}\n\n{{< highlight go >}}\nnever closed")
        #expect(hugoResult.leftovers == [
            .init(line: 2, text: #"{{< ref "missing.md" >}}"#, reason: "'ref' names 'missing.md', which is not in the site"),
            .init(line: 4, text: "{{< highlight go >}}", reason: "'highlight' has no closing {{< /highlight >}}"),
        ])
        let liquidResult = liquid.convert("{% post_url 1999-01-01-gone %}\n{{ page.title }}\n{% comment %}x{% endcomment %}\nText {:.big}")
        #expect(liquidResult.leftovers.map(\.line) == [1, 2, 3, 3, 4])
        #expect(liquidResult.leftovers.map(\.reason) == [
            "'post_url' names '1999-01-01-gone', which is not in the site", "Liquid output has no Markdown equivalent",
            "Liquid tag 'comment' has no Markdown equivalent", "Liquid tag 'endcomment' has no Markdown equivalent",
            "kramdown attributes are left to the build",
        ])
        // Odd input never crashes: markers that overlap or never close stay text.
        for odd in ["{{%}}", "{{<>}}", "{%}", "{{}}", "{{</*>}}", "{%", "{{<", "{{% /x %}}"] {
            #expect(hugo.convert(odd).text == odd)
            #expect(liquid.convert(odd).text == odd)
        }
        // Hugo's syntax is not Liquid's, and the other way round.
        #expect(hugo.convert("{% raw %}").text == "{% raw %}")
        #expect(liquid.convert("{{< youtube x >}}").leftovers.count == 1)
    }
}
