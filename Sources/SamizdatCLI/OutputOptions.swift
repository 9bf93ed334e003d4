import ArgumentParser

/// How much a command says: `--quiet` and `--verbose`.
struct OutputOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "Print only warnings and errors.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Print more (a build: how long each step took, every post held back).")
    var verbose = false

    func validate() throws {
        if quiet && verbose {
            throw ValidationError("--quiet and --verbose cannot be used together; pick one")
        }
    }
}
