// sift: a text-mining engine for public consultation responses.
// This file only wires subcommands to the libraries; see commands.h.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"
#include "sift/core/version.h"

int main(int argc, char** argv) {
  CLI::App app{
      "sift: read, redact, index and search public consultation responses.\n"
      "Run `sift COMMAND --help` for a command's flags and examples."};
  app.set_version_flag("--version", std::string("sift ") + sift::Version());
  app.require_subcommand(1);
  auto ingest = sift::cli::AddIngestCommand(&app);
  auto search = sift::cli::AddSearchCommand(&app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  if (app.got_subcommand("ingest")) return sift::cli::RunIngest(*ingest);
  if (app.got_subcommand("search")) return sift::cli::RunSearch(*search);
  return 1;
}
