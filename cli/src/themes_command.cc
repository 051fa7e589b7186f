#include <fmt/core.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "digest_job.h"
#include "sift/report/digest.h"

namespace sift::cli {

struct ThemesArgs {
  std::string db;
  std::string theme;
  std::string model;
  std::string vectors;
  bool json = false;
  bool quiet = false;
};

namespace {

using Json = nlohmann::ordered_json;

void PrintTheme(const Json& t) {
  fmt::print("\n{} ({}): {} responses, {} campaign-collapsed\n",
             t.value("name", ""), t.value("id", ""), t.value("count", 0),
             t.value("count_collapsed", 0));
  const Json& s = t["sentiment"];
  if (s.value("n", 0) > 0) {
    fmt::print(
        "  sentiment mean {:+.2f}: {:.0f}% negative, {:.0f}% neutral, "
        "{:.0f}% positive\n",
        s["mean"].get<double>(), 100 * s.value("negative", 0.0),
        100 * s.value("neutral", 0.0), 100 * s.value("positive", 0.0));
  }
  std::string phrases;
  for (const auto& p : t["phrases"]) {
    phrases += (phrases.empty() ? "" : "; ") + p["text"].get<std::string>();
  }
  if (!phrases.empty()) fmt::print("  phrases: {}\n", phrases);
  for (const auto& q : t["quotes"]) {
    fmt::print("  \"{}\" ({}, {})\n", q["text"].get<std::string>(),
               q["id"].get<std::string>(), q["sector"].get<std::string>());
  }
  if (t.contains("voices")) {
    for (const auto& [side, label] :
         {std::pair{"negative", "critical"}, {"positive", "supportive"}}) {
      for (const auto& q : t["voices"][side]) {
        fmt::print("  {}: \"{}\" ({}, {})\n", label,
                   q["text"].get<std::string>(), q["id"].get<std::string>(),
                   q["sector"].get<std::string>());
      }
    }
  }
  for (const auto& st : t["subthemes"]) {
    fmt::print("  sub-theme {}: {} responses, sentiment {:+.2f}\n",
               st["name"].get<std::string>(), st["count"].get<int>(),
               st["sentiment"].get<double>());
  }
}

}  // namespace

std::shared_ptr<ThemesArgs> AddThemesCommand(CLI::App* app) {
  auto args = std::make_shared<ThemesArgs>();
  CLI::App* cmd = app->add_subcommand(
      "themes",
      "Summarise each theme: counts (raw and campaign-collapsed), sentiment, "
      "distinctive phrases, evidence quotes and sub-themes.");
  cmd->footer("Example:\n  sift themes --db out/db --theme infrastructure");
  cmd->add_option("--db", args->db, "Database directory")->required();
  cmd->add_option("--theme", args->theme, "Only this label id");
  cmd->add_option("--model", args->model,
                  "The model that labelled the database (default: the "
                  "bundled model)");
  cmd->add_option("--vectors", args->vectors, "Word-vector table");
  cmd->add_flag("--json", args->json, "Print one JSON object");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress line");
  return args;
}

int RunThemes(const ThemesArgs& args) {
  report::DigestOptions options;
  options.db_path = args.db;
  options.only_theme = args.theme;
  auto digest = BuildDigestData(options, args.model, args.vectors, args.quiet);
  if (!digest.ok()) return Fail("themes", digest.status());
  Json all = Json::parse(digest.value());
  Json out = {{"themes", all["themes"]}};
  if (all.contains("outside_taxonomy")) {
    out["outside_taxonomy"] = all["outside_taxonomy"];
  }
  if (args.json) {
    std::cout << out.dump(2, ' ', false, Json::error_handler_t::replace)
              << "\n";
    return 0;
  }
  for (const Json& t : out["themes"]) PrintTheme(t);
  if (out.contains("outside_taxonomy")) {
    Json o = out["outside_taxonomy"];
    o["name"] = "Outside the taxonomy";
    o["id"] = "no label or needs review";
    o["count_collapsed"] = o["count"];
    o["sentiment"] = Json::object();
    PrintTheme(o);
  }
  return 0;
}

}  // namespace sift::cli
