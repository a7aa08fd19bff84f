fn main() -> std::process::ExitCode {
    geokg::cli::main()
}
