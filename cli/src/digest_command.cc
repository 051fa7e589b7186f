#include <fmt/core.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "digest_job.h"
#include "sift/core/file.h"
#include "sift/report/digest.h"
#include "sift/report/render.h"

namespace sift::cli {

struct DigestArgs {
  std::string db;
  std::string out;
  std::string format;  // "" = from the extension, else html
  std::string title = "Consultation digest";
  std::string model;
  std::string vectors;
  bool quiet = false;
};

namespace {

std::string UtcNow() {
  std::time_t now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buffer;
}

std::string FormatFor(const DigestArgs& args) {
  if (!args.format.empty()) return args.format;
  std::string ext = std::filesystem::path(args.out).extension().string();
  if (ext == ".md" || ext == ".markdown") return "md";
  if (ext == ".json") return "json";
  return "html";
}

}  // namespace

std::shared_ptr<DigestArgs> AddDigestCommand(CLI::App* app) {
  auto args = std::make_shared<DigestArgs>();
  CLI::App* cmd = app->add_subcommand(
      "digest",
      "Write the digest for a board: overview, theme prevalence, sentiment "
      "by sector, each theme in respondents' own words, campaigns, what the "
      "taxonomy missed, and the methodology.");
  cmd->footer(
      "Examples:\n"
      "  sift digest --db out/db --out digest.html\n"
      "  sift digest --db out/db --out digest.md\n"
      "  sift digest --db out/db --out digest.json --format json");
  cmd->add_option("--db", args->db, "Database directory")->required();
  cmd->add_option("--out", args->out, "File to write")->required();
  cmd->add_option("--format", args->format,
                  "html, md or json (default: from --out's extension, else "
                  "html)")
      ->check(CLI::IsMember({"html", "md", "markdown", "json"}));
  cmd->add_option("--title", args->title, "Title of the digest");
  cmd->add_option("--model", args->model,
                  "The model that labelled the database (default: the "
                  "bundled model)");
  cmd->add_option("--vectors", args->vectors, "Word-vector table");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress line");
  return args;
}

int RunDigest(const DigestArgs& args) {
  auto format = report::ParseDigestFormat(FormatFor(args));
  if (!format.ok()) return Fail("digest", format.status());
  report::DigestOptions options;
  options.db_path = args.db;
  options.title = args.title;
  options.generated = UtcNow();
  auto data = BuildDigestData(options, args.model, args.vectors, args.quiet);
  if (!data.ok()) return Fail("digest", data.status());
  auto rendered = report::RenderDigest(data.value(), format.value());
  if (!rendered.ok()) return Fail("digest", rendered.status());
  // Never a half-written digest.
  Status written = WriteFileAtomically(args.out, rendered.value());
  if (!written.ok()) return Fail("digest", written);
  if (!args.quiet) fmt::print("Digest written to {}\n", args.out);
  return 0;
}

}  // namespace sift::cli
