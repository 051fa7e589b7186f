#include "digest_sections.h"

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "digest_theme.h"
#include "sift/index/campaigns.h"

namespace sift::report {
namespace {

using Json = nlohmann::ordered_json;

const std::vector<index::FacetCount>& Facet(const index::SearchResult& r,
                                            const std::string& field) {
  static const std::vector<index::FacetCount> kNone;
  auto it = r.facets.find(field);
  return it == r.facets.end() ? kNone : it->second;
}

Json ParseOr(const std::string& text, Json fallback) {
  Json j = Json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

}  // namespace

std::string SectorLabel(const std::string& id) {
  std::string label = id;
  for (char& c : label) {
    if (c == '_') c = ' ';
  }
  if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') {
    label[0] = static_cast<char>(label[0] - 'a' + 'A');
  }
  return label;
}

Json FacetList(const std::vector<index::FacetCount>& counts, bool sectors) {
  Json list = Json::array();
  for (const auto& c : counts) {
    list.push_back({{"key", c.key},
                    {"label", sectors ? SectorLabel(c.key) : c.label},
                    {"count", c.count}});
  }
  return list;
}

std::int64_t CampaignCollapsedCount(const Corpus& corpus, int label) {
  std::int64_t alone = 0;
  std::set<std::string> campaigns;
  for (const CorpusResponse& r : corpus.responses) {
    if (label >= 0 &&
        !std::binary_search(r.labels.begin(), r.labels.end(), label)) {
      continue;
    }
    if (r.campaign.empty()) {
      ++alone;
    } else {
      campaigns.insert(r.campaign);
    }
  }
  return alone + static_cast<std::int64_t>(campaigns.size());
}

Json OverviewJson(const index::SearchResult& all, const Corpus& corpus,
                  index::Searcher* searcher) {
  std::set<std::string> respondents, campaigns;
  std::int64_t duplicates = 0, members = 0;
  for (const CorpusResponse& r : corpus.responses) {
    respondents.insert(r.respondent);
    duplicates += r.duplicate;
    if (!r.campaign.empty()) {
      ++members;
      campaigns.insert(r.campaign);
    }
  }
  Json redactions = Json::object();
  for (const char* kind : {"email", "phone", "postcode", "nino", "url"}) {
    index::SearchRequest request;
    request.query = std::string("redacted:") + kind;
    request.limit = 0;
    auto r = searcher->Search(request);
    redactions[kind] = r.ok() ? r->total : 0;
  }
  return {{"responses", all.total},
          {"respondents", respondents.size()},
          {"duplicates", duplicates},
          {"campaigns", campaigns.size()},
          {"campaign_members", members},
          {"responses_collapsed",
           all.total - members + static_cast<std::int64_t>(campaigns.size())},
          {"redactions", std::move(redactions)},
          {"redaction", searcher->metadata("sift.redaction") != "off"},
          {"by_respondent_type", FacetList(Facet(all, "respondent_type"))},
          {"by_sector", FacetList(Facet(all, "sector"), true)},
          {"by_district", FacetList(Facet(all, "district"))},
          {"by_question", FacetList(Facet(all, "question"))},
          {"by_sentiment", FacetList(Facet(all, "sentiment"))}};
}

Json SentimentBySectorJson(const Corpus& corpus,
                           const std::vector<index::FacetCount>& sectors) {
  const std::size_t labels = corpus.label_ids.size();
  struct Cell {
    double sum = 0;
    std::int64_t n = 0;
  };
  std::map<std::string, std::vector<Cell>> matrix;
  std::map<std::string, std::array<std::int64_t, 3>> shares;
  std::map<std::string, Cell> overall;
  for (const CorpusResponse& r : corpus.responses) {
    if (!r.has_sentiment) continue;
    auto& row = matrix[r.sector];
    row.resize(labels);
    ++shares[r.sector][r.polarity];
    overall[r.sector].sum += r.sentiment;
    ++overall[r.sector].n;
    for (int l : r.labels) {
      if (std::isnan(r.theme_sentiment[l])) continue;
      row[l].sum += r.theme_sentiment[l];
      ++row[l].n;
    }
  }
  Json rows = Json::array(), cells = Json::array();
  for (const index::FacetCount& sector : sectors) {
    const Cell& all = overall[sector.key];
    const auto& s = shares[sector.key];
    const double n = std::max<std::int64_t>(all.n, 1);
    rows.push_back({{"key", sector.key},
                    {"label", SectorLabel(sector.key)},
                    {"count", sector.count},
                    {"negative", Round(s[0] / n, 0.001)},
                    {"neutral", Round(s[1] / n, 0.001)},
                    {"positive", Round(s[2] / n, 0.001)},
                    {"mean", all.n ? Json(Round(all.sum / n, 0.01)) : Json()}});
    Json row = Json::array();
    auto& m = matrix[sector.key];
    m.resize(labels);
    for (const Cell& c : m) {
      row.push_back(
          {{"mean", c.n >= 5 ? Json(Round(c.sum / c.n, 0.01)) : Json()},
           {"count", c.n}});
    }
    cells.push_back(std::move(row));
  }
  return {{"sectors", std::move(rows)},
          {"themes", corpus.label_ids},
          {"matrix", std::move(cells)}};
}

Result<Json> CampaignsJson(const std::string& db_path) {
  auto campaigns = index::ListCampaigns(db_path);
  if (!campaigns.ok()) return campaigns.status();
  Json list = Json::array();
  for (const auto& c : *campaigns) {
    Json additions = Json::array();
    for (const auto& [id, sentences] : c.additions) {
      additions.push_back({{"id", id}, {"sentences", sentences}});
    }
    list.push_back({{"id", c.id},
                    {"size", c.size},
                    {"template_id", c.template_id},
                    {"template", c.template_text},
                    {"members", c.members},
                    {"additions", std::move(additions)}});
  }
  return list;
}

Result<Json> RepeatedAnswersJson(const std::string& db_path) {
  auto repeated = index::ListRepeatedAnswers(db_path);
  if (!repeated.ok()) return repeated.status();
  Json list = Json::array();
  for (const auto& r : *repeated) {
    list.push_back({{"id", r.id},
                    {"size", r.size},
                    {"text", r.text},
                    {"members", r.members}});
  }
  return list;
}

Result<Json> OutsideTaxonomyJson(const Corpus& corpus, std::int64_t responses,
                                 int quotes) {
  std::int64_t no_label = 0, review = 0;
  std::vector<bool> outside(corpus.responses.size(), false);
  for (std::size_t i = 0; i < corpus.responses.size(); ++i) {
    const CorpusResponse& r = corpus.responses[i];
    outside[i] = r.labels.empty() || r.needs_review;
    no_label += r.labels.empty();
    review += !r.labels.empty() && r.needs_review;
  }
  std::vector<std::size_t> target, background;
  for (std::size_t s = 0; s < corpus.sentences.size(); ++s) {
    (outside[corpus.sentences[s].response] ? target : background).push_back(s);
  }
  TextSummaryOptions options;
  options.quotes = quotes;
  options.responses = responses;
  auto text = SummariseText(corpus, target, background, options);
  if (!text.ok()) return text.status();
  Json out = {{"count", no_label + review},
              {"no_label", no_label},
              {"needs_review", review}};
  for (auto& [key, value] : text->items()) out[key] = value;
  return out;
}

Json MethodologyJson(const index::Searcher& searcher,
                     const nlp::Classifier& classifier,
                     const std::string& model_dir) {
  Json labels = Json::array();
  const auto& taxonomy = classifier.taxonomy().labels();
  for (std::size_t l = 0; l < taxonomy.size(); ++l) {
    labels.push_back(
        {{"id", taxonomy[l].id},
         {"threshold", Round(classifier.thresholds()[l], 0.0001)}});
  }
  std::ifstream in(model_dir + "/metrics.json");
  std::stringstream metrics;
  metrics << in.rdbuf();
  Json scores = ParseOr(metrics.str(), Json::object());
  Json last = ParseOr(searcher.metadata("sift.last_ingest"), Json::object());
  Json files = Json::array();
  for (const auto& f : last.value("files", Json::array())) {
    files.push_back({{"path", f.value("path", "")},
                     {"rows", f.value("rows_read", 0)},
                     {"sha256", f.value("sha256", "")}});
  }
  const std::string model = searcher.metadata("sift.model");
  Json notes = {
      "Quotes are verbatim sentences of the responses whose ids they carry.",
      "Counts include campaign members; campaign-collapsed counts count "
      "each campaign once.",
      "Themes and sentiment are machine estimates: read the quotes."};
  if (model != classifier.version()) {
    notes.push_back("The database was labelled by model " + model +
                    "; thresholds shown are of model " + classifier.version() +
                    ".");
  }
  return {{"sift_version", searcher.metadata("sift.version")},
          {"model", model},
          {"labels", std::move(labels)},
          {"test_scores", scores.value("test", Json::object())},
          {"sentiment", scores.value("sentiment", Json::object())},
          {"sentiment_thresholds",
           ParseOr(searcher.metadata("sift.sentiment"), Json::object())},
          {"input_files", std::move(files)},
          {"redaction", searcher.metadata("sift.redaction") != "off"},
          {"notes", std::move(notes)}};
}

}  // namespace sift::report
