#include "sift/report/digest.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "digest_corpus.h"
#include "digest_sections.h"
#include "digest_theme.h"
#include "sift/index/searcher.h"
#include "sift/nlp/classifier.h"

namespace sift::report {
namespace {

using Json = nlohmann::ordered_json;

Result<index::SearchResult> FacetSearch(index::Searcher* searcher,
                                        const std::string& theme) {
  index::SearchRequest request;
  request.limit = 0;
  request.facets = true;
  if (!theme.empty()) request.filters["theme"] = {theme};
  return searcher->Search(request);
}

Json ThemeSentiment(const Corpus& corpus, int label) {
  double sum = 0;
  std::int64_t n = 0, shares[3] = {0, 0, 0};
  for (const CorpusResponse& r : corpus.responses) {
    double s = r.theme_sentiment[label];
    if (std::isnan(s)) continue;
    sum += s;
    ++n;
    ++shares[r.theme_polarity[label]];
  }
  if (n == 0) {
    return {{"mean", nullptr},
            {"negative", 0.0},
            {"neutral", 0.0},
            {"positive", 0.0},
            {"n", 0}};
  }
  return {{"mean", Round(sum / n, 0.01)},
          {"negative", Round(double(shares[0]) / n, 0.001)},
          {"neutral", Round(double(shares[1]) / n, 0.001)},
          {"positive", Round(double(shares[2]) / n, 0.001)},
          {"n", n}};
}

Result<Json> ThemeJson(const DigestOptions& options, index::Searcher* searcher,
                       const Corpus& corpus, const nlp::Label& label,
                       std::int64_t responses) {
  const int k = corpus.LabelIndex(label.id);
  auto facets = FacetSearch(searcher, label.id);
  if (!facets.ok()) return facets.status();
  Json theme = {
      {"id", label.id},
      {"name", label.name},
      {"kind", label.kind},
      {"description", label.description},
      {"count", facets->total},
      {"count_collapsed", CampaignCollapsedCount(corpus, k)},
      {"share",
       responses ? Round(double(facets->total) / responses, 0.001) : 0.0},
      {"by_sector", FacetList(facets->facets["sector"], true)},
      {"by_respondent_type", FacetList(facets->facets["respondent_type"])},
      {"by_question", FacetList(facets->facets["question"])},
      {"sentiment", ThemeSentiment(corpus, k)}};
  std::vector<std::size_t> target, background;
  for (std::size_t s = 0; s < corpus.sentences.size(); ++s) {
    const auto& labels = corpus.sentences[s].labels;
    bool carries = std::find(labels.begin(), labels.end(), k) != labels.end();
    (carries ? target : background).push_back(s);
  }
  TextSummaryOptions text_options;
  text_options.quotes = options.quotes;
  text_options.responses = responses;
  auto text = SummariseText(corpus, target, background, text_options);
  if (!text.ok()) return text.status();
  for (auto& [key, value] : text->items()) theme[key] = value;
  return theme;
}

}  // namespace

Result<std::string> BuildDigestJson(const DigestOptions& options) {
  auto progress = [&options](const std::string& stage) {
    if (options.progress) options.progress(stage);
  };
  auto searcher = index::Searcher::Open(options.db_path);
  if (!searcher.ok()) return searcher.status();
  if (searcher->metadata("sift.labels").empty()) {
    return Status::InvalidArgument(
        options.db_path +
        ": the responses were not classified (ingest with a model)");
  }
  auto table = nlp::WordVectors::Load(options.vectors_path);
  if (!table.ok()) return table.status();
  auto vectors =
      std::make_shared<const nlp::WordVectors>(std::move(table).value());
  auto classifier = nlp::Classifier::Load(options.model_dir, vectors);
  if (!classifier.ok()) return classifier.status();
  progress("reading the database");
  auto corpus = ReadCorpus(&*searcher, vectors.get());
  if (!corpus.ok()) return corpus.status();
  if (corpus->label_ids.empty()) {
    return Status::InvalidArgument(
        options.db_path +
        ": the responses were not classified (ingest with a model)");
  }
  if (!options.only_theme.empty() &&
      corpus->LabelIndex(options.only_theme) < 0) {
    return Status::InvalidArgument("'" + options.only_theme +
                                   "' is not a label of this database");
  }
  auto all = FacetSearch(&*searcher, "");
  if (!all.ok()) return all.status();
  const std::int64_t responses = all->total;
  Json digest;
  digest["title"] = options.title;
  digest["generated"] = options.generated;
  digest["overview"] = OverviewJson(*all, *corpus, &*searcher);
  digest["themes"] = Json::array();
  for (const nlp::Label& label : classifier->taxonomy().labels()) {
    if (!options.only_theme.empty() && label.id != options.only_theme) continue;
    if (corpus->LabelIndex(label.id) < 0) continue;
    progress("theme " + label.id);
    auto theme = ThemeJson(options, &*searcher, *corpus, label, responses);
    if (!theme.ok()) return theme.status();
    digest["themes"].push_back(std::move(theme).value());
  }
  if (options.only_theme.empty()) {
    digest["sentiment_by_sector"] =
        SentimentBySectorJson(*corpus, all->facets["sector"]);
    progress("campaigns");
    auto campaigns = CampaignsJson(options.db_path);
    if (!campaigns.ok()) return campaigns.status();
    digest["campaigns"] = std::move(campaigns).value();
    auto repeated = RepeatedAnswersJson(options.db_path);
    if (!repeated.ok()) return repeated.status();
    digest["repeated_answers"] = std::move(repeated).value();
    progress("outside the taxonomy");
    auto outside = OutsideTaxonomyJson(*corpus, responses, options.quotes);
    if (!outside.ok()) return outside.status();
    digest["outside_taxonomy"] = std::move(outside).value();
    digest["methodology"] =
        MethodologyJson(*searcher, *classifier, options.model_dir);
  }
  return digest.dump(1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace sift::report
