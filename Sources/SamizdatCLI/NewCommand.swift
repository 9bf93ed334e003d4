import ArgumentParser
import Foundation
import Samizdat

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new post, dated now.",
        discussion: """
            The text comes from the command line, from standard input (echo "Hello" | samizdat new), \
            or, when there is neither, from your editor ($VISUAL or $EDITOR) opened on the new file. \
            The post goes to Content/posts/YYYY/MM/DD-HHMMSS.md (DD-<title>.md with --title), dated \
            now in the site's time zone; with --photo, to a folder holding the post and a copy of \
            the photo. An existing file is never overwritten: the new name gets -2, -3…
            """
    )

    @Argument(help: ArgumentHelp("The post's text, in Markdown.", valueName: "text"))
    var text: String?

    @Option(name: .long, help: ArgumentHelp("A title, for an article (notes have none).", valueName: "title"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("A tag; repeat for more (--tag swift --tag vélo).", valueName: "tag"))
    var tag: [String] = []

    @Option(name: .customLong("reply-to"), help: ArgumentHelp("The URL of the post this one answers.", valueName: "url"))
    var replyTo: String?

    @Option(name: .long, help: ArgumentHelp("A photo to show under the text; needs --alt.", valueName: "file"))
    var photo: String?

    @Option(name: .long, help: ArgumentHelp("What the photo shows, for people who cannot see it.", valueName: "text"))
    var alt: String?

    @OptionGroup var siteOptions: SiteOptions

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if photo != nil && alt == nil {
            throw ValidationError("--photo needs --alt with a description of the photo, for people who cannot see it: --alt \"A cat asleep on a keyboard\"")
        }
        if photo == nil && alt != nil {
            throw ValidationError("--alt describes a photo; give the photo with --photo FILE")
        }
        if let alt, alt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--alt is empty. Describe the photo for people who cannot see it")
        }
        if let replyTo, !FrontMatter.isReplyTarget(replyTo) {
            throw ValidationError(FrontMatter.replyTargetMessage(replyTo, name: "--reply-to"))
        }
    }

    func run() throws {
        let site = siteOptions.url
        let config = try siteOptions.configuration()
        // Text from the command line, else from a pipe, else from the editor once the file exists.
        var body = text
        let useEditor = body == nil && Terminal.inputIsTerminal
        if body == nil && !useEditor {
            body = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        let editor = ["VISUAL", "EDITOR"].compactMap { ProcessInfo.processInfo.environment[$0] }.first { !$0.isEmpty }
        if useEditor && editor == nil {
            Terminal.report(.error("No text for the post. Give it as an argument (samizdat new \"Hello\"), pipe it in (echo \"Hello\" | samizdat new), or set $EDITOR to write it in your editor"))
            throw ExitCode(64)
        }
        if !useEditor && title == nil && photo == nil && (body ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            Terminal.report(.error("The post is empty. Give its text as an argument or on standard input"))
            throw ExitCode(64)
        }
        let post = NewPost(text: body ?? "", title: title, tags: tag, replyTo: replyTo,
                           photo: photo.map { NewPost.Photo(file: URL(fileURLWithPath: $0, relativeTo: Terminal.currentDirectory).standardizedFileURL, alt: alt ?? "") },
                           date: Date())
        let file: URL
        do {
            file = try post.write(into: site, timeZone: config.timeZone)
        } catch {
            Terminal.report(error.diagnostics)
            throw ExitCode(1)
        }
        if useEditor, let editor {
            let written = FileManager.default.contents(atPath: file.path)
            let status = Self.edit(file, with: editor)
            // Left as it was given, with no text and no photo: the author changed their mind, as
            // with an empty commit message.
            if post.photo == nil, post.text.isEmpty, FileManager.default.contents(atPath: file.path) == written {
                try? FileManager.default.removeItem(at: file)
                Terminal.report(.error("The post was left empty in the editor, so it was not kept"))
                throw ExitCode(1)
            }
            if status != 0 {
                Terminal.report(.warning("The editor exited with status \(status); the post is kept in \(Terminal.display(file))"))
            }
        }
        if !outputOptions.quiet { print(Terminal.display(file)) }
    }

    /// Runs the editor (a shell command, as `$EDITOR` may be `code --wait`) on the file.
    static func edit(_ file: URL, with editor: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", editor + " \"$1\"", "sh", file.path]
        do {
            try process.run()
        } catch {
            return 127
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
