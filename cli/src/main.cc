// sift: a text-mining engine for public consultation responses.
// This file only wires subcommands to the libraries; see commands.h.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <exception>
#include <iostream>
#include <system_error>

#include "commands.h"
#include "sift/core/version.h"

namespace {

int Run(int argc, char** argv) {
  CLI::App app{
      "sift: read, redact, index, classify and search public consultation "
      "responses.\n"
      "Run `sift COMMAND --help` for a command's flags and examples."};
  app.set_version_flag("--version", std::string("sift ") + sift::Version());
  app.require_subcommand(1);
  auto ingest = sift::cli::AddIngestCommand(&app);
  auto search = sift::cli::AddSearchCommand(&app);
  auto train = sift::cli::AddTrainCommand(&app);
  auto classify = sift::cli::AddClassifyCommand(&app);
  auto eval = sift::cli::AddEvalCommand(&app);
  auto vectors = sift::cli::AddVectorsCommand(&app);
  auto campaigns = sift::cli::AddCampaignsCommand(&app);
  auto themes = sift::cli::AddThemesCommand(&app);
  auto digest = sift::cli::AddDigestCommand(&app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  if (app.got_subcommand("ingest")) return sift::cli::RunIngest(*ingest);
  if (app.got_subcommand("search")) return sift::cli::RunSearch(*search);
  if (app.got_subcommand("train")) {
    std::string command = "sift";
    for (int i = 1; i < argc; ++i) command += std::string(" ") + argv[i];
    return sift::cli::RunTrain(*train, command);
  }
  if (app.got_subcommand("classify")) return sift::cli::RunClassify(*classify);
  if (app.got_subcommand("eval")) return sift::cli::RunEval(*eval);
  if (app.got_subcommand("vectors")) return sift::cli::RunVectors(*vectors);
  if (app.got_subcommand("themes")) return sift::cli::RunThemes(*themes);
  if (app.got_subcommand("digest")) return sift::cli::RunDigest(*digest);
  if (app.got_subcommand("campaigns")) {
    return sift::cli::RunCampaigns(*campaigns);
  }
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed pipe (`sift search ... | head`) ends output, not the process.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    return Run(argc, argv);
  } catch (const std::system_error& e) {
    if (e.code().value() == EPIPE) return 1;  // the reader went away
    std::cerr << "sift: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "sift: unexpected error: " << e.what() << "\n";
    return 1;
  }
}
