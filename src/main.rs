/// mimalloc: extraction makes many small, short-lived allocations, which glibc's malloc serves
/// several times slower (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    geokg::cli::main()
}
