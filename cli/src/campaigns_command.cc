#include <fmt/core.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "sift/index/campaigns.h"

namespace sift::cli {

struct CampaignsArgs {
  std::string db;
  bool json = false;
  int additions = 3;
};

std::shared_ptr<CampaignsArgs> AddCampaignsCommand(CLI::App* app) {
  auto args = std::make_shared<CampaignsArgs>();
  CLI::App* cmd = app->add_subcommand(
      "campaigns",
      "List organised campaigns (template letters sent by many people): "
      "size, template, members and what each member added; then the short "
      "answers many responses gave word for word (not campaigns).");
  cmd->footer("Example:\n  sift campaigns --db out/db --json");
  cmd->add_option("--db", args->db, "Database directory")->required();
  cmd->add_flag("--json", args->json, "Print one JSON object");
  cmd->add_option("--show-additions", args->additions,
                  "Members' additions shown per campaign in text output "
                  "(default 3; --json gives all)");
  return args;
}

namespace {

void PrintRepeated(const std::vector<index::RepeatedAnswerSummary>& repeated) {
  if (repeated.empty()) return;
  fmt::print(
      "\nRepeated short answers (not campaigns: each response still counts "
      "on its own):\n");
  for (const auto& r : repeated) {
    fmt::print("{}: {} responses: {}\n", r.id, r.size, r.text.substr(0, 120));
  }
}

}  // namespace

int RunCampaigns(const CampaignsArgs& args) {
  auto campaigns = index::ListCampaigns(args.db);
  if (!campaigns.ok()) return Fail("campaigns", campaigns.status());
  auto repeated = index::ListRepeatedAnswers(args.db);
  if (!repeated.ok()) return Fail("campaigns", repeated.status());
  if (args.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& c : *campaigns) {
      nlohmann::ordered_json additions = nlohmann::ordered_json::object();
      for (const auto& [id, sentences] : c.additions) additions[id] = sentences;
      list.push_back({{"id", c.id},
                      {"size", c.size},
                      {"template", c.template_text},
                      {"template_id", c.template_id},
                      {"members", c.members},
                      {"additions", std::move(additions)}});
    }
    nlohmann::ordered_json answers = nlohmann::ordered_json::array();
    for (const auto& r : *repeated) {
      answers.push_back({{"id", r.id},
                         {"size", r.size},
                         {"text", r.text},
                         {"members", r.members}});
    }
    nlohmann::ordered_json out = {{"campaigns", std::move(list)},
                                  {"repeated_answers", std::move(answers)}};
    std::cout << out.dump(2, ' ', false,
                          nlohmann::ordered_json::error_handler_t::replace)
              << "\n";
    return 0;
  }
  if (campaigns->empty()) fmt::print("No campaigns in {}\n", args.db);
  for (const auto& c : *campaigns) {
    fmt::print("{}: {} responses; template {}:\n  {}\n", c.id, c.size,
               c.template_id, c.template_text.substr(0, 300));
    fmt::print("  {} members added words of their own\n", c.additions.size());
    for (std::size_t i = 0;
         i < c.additions.size() && i < static_cast<std::size_t>(args.additions);
         ++i) {
      for (const auto& sentence : c.additions[i].second) {
        fmt::print("    {}: {}\n", c.additions[i].first, sentence);
      }
    }
  }
  PrintRepeated(*repeated);
  return 0;
}

}  // namespace sift::cli
