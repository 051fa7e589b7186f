#include <fmt/core.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "sift/index/searcher.h"

namespace sift::cli {

struct SearchArgs {
  std::string query;
  std::string db;
  std::map<std::string, std::vector<std::string>> filters;
  std::int64_t limit = 10;
  std::int64_t offset = 0;
  std::string sort = "relevance";
  bool facets = false;
  bool json = false;
};

namespace {

// Each sentence of the hit's text with its sentiment (class null in a
// database that stored scores only) and the themes it carries.
nlohmann::ordered_json SentencesJson(const index::SearchHit& h) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  const std::string& text = h.response.display_text;
  for (const auto& s : h.sentences) {
    list.push_back(
        {{"text", text.substr(s.begin, s.end - s.begin)},
         {"sentiment", s.polarity.empty() ? nlohmann::ordered_json(nullptr)
                                          : nlohmann::ordered_json(s.polarity)},
         {"sentiment_score", s.sentiment},
         {"themes", s.labels}});
  }
  return list;
}

nlohmann::ordered_json HitJson(const index::SearchHit& h) {
  const ingest::Response& r = h.response;
  nlohmann::ordered_json j;
  j["rank"] = h.rank;
  j["id"] = r.id;
  j["score"] = h.score;
  j["text"] = r.display_text;
  j["snippet"] = h.snippet;
  j["question"] = r.question;
  j["respondent_type"] = r.respondent_type;
  j["organisation"] = r.organisation;
  j["sector"] = r.sector;
  j["sector_raw"] = r.sector_raw;
  j["district"] = r.district;
  j["date"] = r.date;
  j["respondent"] = r.respondent;
  j["labels"] = h.labels;
  nlohmann::ordered_json scores = nlohmann::ordered_json::object();
  for (const auto& [id, score] : h.scores) scores[id] = score;
  j["scores"] = std::move(scores);
  j["needs_review"] = h.needs_review;
  if (h.has_sentiment) {
    j["sentiment"] = h.sentiment;
    j["sentiment_score"] = h.sentiment_score;
    j["sentiment_confidence"] =
        h.sentiment_confidence ? nlohmann::ordered_json(*h.sentiment_confidence)
                               : nlohmann::ordered_json(nullptr);
    nlohmann::ordered_json by_theme = nlohmann::ordered_json::object();
    nlohmann::ordered_json classes = nlohmann::ordered_json::object();
    for (const auto& t : h.theme_sentiment) {
      by_theme[t.label] = t.score;
      if (!t.sentiment.empty()) classes[t.label] = t.sentiment;
    }
    j["theme_sentiment"] = std::move(by_theme);
    j["theme_sentiment_class"] = std::move(classes);
    j["sentences"] = SentencesJson(h);
  }
  j["campaign"] = h.campaign.empty() ? nlohmann::ordered_json(nullptr)
                                     : nlohmann::ordered_json(h.campaign);
  j["duplicate_of"] = h.duplicate_of.empty()
                          ? nlohmann::ordered_json(nullptr)
                          : nlohmann::ordered_json(h.duplicate_of);
  nlohmann::ordered_json meta = nlohmann::ordered_json::object();
  for (const auto& [k, v] : r.metadata) meta[k] = v;
  j["metadata"] = std::move(meta);
  return j;
}

nlohmann::ordered_json ResultJson(const index::SearchResult& result,
                                  bool facets) {
  nlohmann::ordered_json j;
  j["total"] = result.total;
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  for (const auto& h : result.hits) hits.push_back(HitJson(h));
  j["results"] = std::move(hits);
  if (facets) {
    nlohmann::ordered_json f = nlohmann::ordered_json::object();
    for (const auto& [field, counts] : result.facets) {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const auto& c : counts) {
        list.push_back(
            {{"value", c.label}, {"key", c.key}, {"count", c.count}});
      }
      f[field] = std::move(list);
    }
    j["facets"] = std::move(f);
  }
  return j;
}

// One row per theme: how many matching responses are negative, neutral
// and positive about it (counts come in threes, "ID:CLASS", label order).
void PrintThemeSentimentFacet(const std::vector<index::FacetCount>& counts) {
  fmt::print("theme sentiment:{:>14}{:>10}{:>10}\n", "negative", "neutral",
             "positive");
  for (std::size_t i = 0; i + 2 < counts.size(); i += 3) {
    const std::string& key = counts[i].key;
    fmt::print("  {:<26}{:>6}{:>10}{:>10}\n", key.substr(0, key.rfind(':')),
               counts[i].count, counts[i + 1].count, counts[i + 2].count);
  }
}

void PrintText(const index::SearchResult& result, const SearchArgs& args) {
  if (result.hits.empty()) {
    fmt::print("{} responses match; none on this page.\n", result.total);
  } else {
    fmt::print("{} responses match; showing {}-{}.\n\n", result.total,
               result.hits.front().rank, result.hits.back().rank);
  }
  for (const auto& h : result.hits) {
    const ingest::Response& r = h.response;
    fmt::print(
        "{:>3}. {}  (score {:.2f}){}\n", h.rank, r.id, h.score,
        h.duplicate_of.empty() ? "" : "  duplicate of " + h.duplicate_of);
    std::string who = r.respondent_type;
    for (const std::string* part :
         {&r.organisation, &r.sector, &r.district, &r.date}) {
      if (part->empty()) continue;
      who += (who.empty() ? "" : " | ") + *part;
    }
    if (!who.empty()) fmt::print("     {}\n", who);
    if (!r.question.empty()) fmt::print("     Q: {}\n", r.question);
    if (h.classified) {
      std::string themes;
      for (const auto& l : h.labels) {
        themes += (themes.empty() ? "" : ", ") + l;
        for (const auto& t : h.theme_sentiment) {
          if (t.label != l) continue;
          themes += fmt::format(" ({}{:+.2f})",
                                t.sentiment.empty() ? "" : t.sentiment + " ",
                                t.score);
        }
      }
      fmt::print("     themes: {}{}\n", themes.empty() ? "(none)" : themes,
                 h.needs_review ? "  [needs review]" : "");
    }
    if (h.has_sentiment) {
      fmt::print(
          "     sentiment: {} ({:+.2f}{}){}\n", h.sentiment, h.sentiment_score,
          h.sentiment_confidence
              ? fmt::format(", confidence {:.2f}", *h.sentiment_confidence)
              : "",
          h.campaign.empty() ? "" : "  campaign " + h.campaign);
    } else if (!h.campaign.empty()) {
      fmt::print("     campaign {}\n", h.campaign);
    }
    std::string snippet = h.snippet;
    for (char& c : snippet) c = (c == '\n') ? ' ' : c;
    fmt::print("     {}\n\n", snippet);
  }
  if (!args.facets) return;
  for (const auto& [field, counts] : result.facets) {
    if (field == "theme_sentiment") {
      PrintThemeSentimentFacet(counts);
      continue;
    }
    fmt::print("{}:\n", field);
    for (const auto& c : counts) fmt::print("  {:>6}  {}\n", c.count, c.label);
  }
}

}  // namespace

std::shared_ptr<SearchArgs> AddSearchCommand(CLI::App* app) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app->add_subcommand(
      "search",
      "Search a sift database: ranked responses with snippets and "
      "optional counts by sector, district, question and type.");
  cmd->footer(
      "Query syntax: words (all must match), \"a phrase\", AND OR NOT, "
      "wildcards (bus*),\nand prefixes sector: district: question: type: "
      "org: id: sentiment: campaign: theme: is:duplicate, and\n"
      "negative:ID neutral:ID positive:ID for what responses say of theme "
      "ID.\n"
      "Examples:\n"
      "  sift search 'broadband AND rural' --db out/db\n"
      "  sift search '\"green belt\"' --db out/db --district 'St Albans' "
      "--facets\n"
      "  sift search '' --db out/db --sector life_sciences --sentiment "
      "negative --json\n"
      "  sift search '' --db out/db --theme-sentiment infrastructure:negative "
      "--sort sentiment:infrastructure");
  cmd->add_option("query", args->query, "Query; empty matches every response");
  cmd->add_option("--db", args->db, "Database directory")->required();
  cmd->add_option("--sector", args->filters["sector"],
                  "Only responses from this canonical sector id "
                  "(life_sciences, resident ...; repeat for any of several)");
  for (const char* field : {"district", "question"}) {
    cmd->add_option(std::string("--") + field, args->filters[field],
                    std::string("Only responses with this ") + field +
                        " (as written; repeat for any of several)");
  }
  cmd->add_option("--sentiment", args->filters["sentiment"],
                  "Only negative, neutral or positive responses")
      ->check(CLI::IsMember({"negative", "neutral", "positive"}));
  cmd->add_option("--campaign", args->filters["campaign"],
                  "Only members of this campaign (see sift campaigns)");
  cmd->add_option("--type", args->filters["respondent_type"],
                  "Only responses from this respondent type");
  cmd->add_option("--theme", args->filters["theme"],
                  "Only responses the classifier gave this label id");
  cmd->add_option("--theme-sentiment", args->filters["theme_sentiment"],
                  "ID:CLASS: only responses whose sentences on theme ID are "
                  "negative, neutral or positive (e.g. "
                  "infrastructure:negative), whatever the response's overall "
                  "sentiment");
  cmd->add_option("--limit", args->limit, "Results per page (default 10)");
  cmd->add_option("--offset", args->offset, "Results to skip (default 0)");
  cmd->add_option("--sort", args->sort,
                  "relevance, date, -date, sentiment (most negative first), "
                  "-sentiment, sentiment:ID or -sentiment:ID (by what "
                  "responses say of theme ID; those without it last), "
                  "confidence (least sure sentiment first, for review) or "
                  "-confidence, or score:ID (highest score for a label "
                  "first)");
  cmd->add_flag("--facets", args->facets,
                "Count the matching responses by sector, district, question "
                "respondent type, sentiment, campaign, theme and theme "
                "sentiment");
  cmd->add_flag("--json", args->json, "Print one JSON object");
  return args;
}

int RunSearch(const SearchArgs& args) {
  auto searcher = index::Searcher::Open(args.db);
  if (!searcher.ok()) return Fail("search", searcher.status());
  index::SearchRequest request;
  request.query = args.query;
  for (const auto& [field, values] : args.filters) {
    if (!values.empty()) request.filters[field] = values;
  }
  request.limit = args.limit;
  request.offset = args.offset;
  request.facets = args.facets;
  if (args.sort == "date") {
    request.sort = index::SortOrder::kDateAscending;
  } else if (args.sort == "-date") {
    request.sort = index::SortOrder::kDateDescending;
  } else if (args.sort == "sentiment") {
    request.sort = index::SortOrder::kSentimentAscending;
  } else if (args.sort == "-sentiment") {
    request.sort = index::SortOrder::kSentimentDescending;
  } else if (args.sort == "confidence") {
    request.sort = index::SortOrder::kConfidenceAscending;
  } else if (args.sort == "-confidence") {
    request.sort = index::SortOrder::kConfidenceDescending;
  } else if (args.sort.rfind("sentiment:", 0) == 0) {
    request.sort = index::SortOrder::kThemeSentimentAscending;
    request.sort_label = args.sort.substr(10);
  } else if (args.sort.rfind("-sentiment:", 0) == 0) {
    request.sort = index::SortOrder::kThemeSentimentDescending;
    request.sort_label = args.sort.substr(11);
  } else if (args.sort.rfind("score:", 0) == 0) {
    request.sort = index::SortOrder::kScoreDescending;
    request.sort_label = args.sort.substr(6);
  } else if (args.sort != "relevance") {
    std::cerr << "sift search: --sort takes relevance, date, -date, sentiment, "
                 "-sentiment, sentiment:ID, -sentiment:ID, confidence, "
                 "-confidence or score:ID, not '"
              << args.sort << "'\n";
    return 1;
  }
  auto result = searcher->Search(request);
  if (!result.ok()) return Fail("search", result.status());
  if (args.json) {
    std::cout << ResultJson(result.value(), args.facets)
                     .dump(-1, ' ', false,
                           nlohmann::ordered_json::error_handler_t::replace)
              << "\n";
  } else {
    PrintText(result.value(), args);
  }
  return 0;
}

}  // namespace sift::cli
