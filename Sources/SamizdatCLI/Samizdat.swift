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
}
