import ArgumentParser
import Samizdat

@main
struct SamizdatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samizdat",
        abstract: "Publish a microblog as plain files that nobody can switch off.",
        discussion: "Exit status: 0 success, 1 content or build errors, 64 bad usage.",
        version: ToolIdentity.version,
        subcommands: [InitCommand.self, NewCommand.self, BuildCommand.self, ServeCommand.self, CheckCommand.self, ImportCommand.self, ThemeCommand.self, PublishCommand.self]
    )

    /// A plain `samizdat build` line runs without ArgumentParser's parse, which costs as much
    /// as a build with nothing to do (see `BuildSettings.init?(plain:)`); every other line is
    /// ArgumentParser's.
    static func main() {
        guard let settings = BuildSettings(plain: Array(CommandLine.arguments.dropFirst())) else {
            return main(nil)
        }
        do {
            try settings.run()
        } catch {
            exit(withError: error)
        }
    }
}
