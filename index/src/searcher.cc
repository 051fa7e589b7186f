#include "sift/index/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "schema.h"
#include "sift/ingest/normalizer.h"
#include "theme_sentiment_search.h"
#include "xapian_status.h"

namespace sift::index {
namespace {

// Turns `key:value` into the category's query on the value's filter key.
class CategoryProcessor : public Xapian::FieldProcessor {
 public:
  explicit CategoryProcessor(const schema::Category* category)
      : category_(category) {}
  Xapian::Query operator()(const std::string& value) override {
    return schema::CategoryQuery(*category_, ingest::FilterKey(value));
  }

 private:
  const schema::Category* category_;
};

// Turns `prefix:value` into a boolean term query on the value's filter key.
class FilterProcessor : public Xapian::FieldProcessor {
 public:
  FilterProcessor(std::string prefix, bool keyed)
      : prefix_(std::move(prefix)), keyed_(keyed) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(prefix_ + (keyed_ ? ingest::FilterKey(value) : value));
  }

 private:
  std::string prefix_;
  bool keyed_;
};

// is:duplicate and is:original.
class StateProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    Xapian::Query dup(schema::kDuplicateTerm);
    if (value == "duplicate") return dup;
    if (value == "review") return Xapian::Query(schema::kReviewTerm);
    if (value == "original") {
      return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                           dup);
    }
    throw Xapian::QueryParserError(
        "is: takes 'duplicate' or 'original', not '" + value + "'");
  }
};

void ConfigureParser(Xapian::QueryParser* qp, const Xapian::Database& db) {
  qp->set_database(db);
  qp->set_stemmer(Xapian::Stem("english"));
  qp->set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp->set_default_op(Xapian::Query::OP_AND);
  qp->set_max_expansion(2000, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  qp->add_prefix("org", schema::kOrgPrefix);
  for (const schema::Category& c : schema::kCategories) {
    qp->add_boolean_prefix(c.query_key, (new CategoryProcessor(&c))->release());
  }
  qp->add_boolean_prefix(
      "respondent",
      (new FilterProcessor(schema::kRespondentPrefix, true))->release());
  qp->add_boolean_prefix(
      "theme", (new FilterProcessor(schema::kThemePrefix, true))->release());
  qp->add_boolean_prefix(
      "redacted",
      (new FilterProcessor(schema::kRedactedPrefix, true))->release());
  qp->add_boolean_prefix(
      "id", (new FilterProcessor(schema::kIdPrefix, false))->release());
  qp->add_boolean_prefix("is", (new StateProcessor())->release());
  AddThemeSentimentPrefixes(qp, &db);
}

// REQUIRES: with a theme_sentiment filter, the database has its terms.
Result<Xapian::Query> FilterQuery(const SearchRequest& request,
                                  const std::vector<std::string>& label_ids) {
  std::vector<Xapian::Query> per_field;
  for (const auto& [field, values] : request.filters) {
    if (field == "theme_sentiment") {
      auto q = ThemeSentimentFilter(values, label_ids);
      if (!q.ok()) return q.status();
      per_field.push_back(std::move(q).value());
      continue;
    }
    const schema::Category* c = schema::FindCategory(field);
    if (c == nullptr && field != "theme") {
      return Status::InvalidArgument(
          "unknown filter field '" + field +
          "' (filters: sector, district, question, respondent_type, sentiment, "
          "campaign, theme, theme_sentiment)");
    }
    std::vector<Xapian::Query> alternatives;
    for (const std::string& v : values) {
      const std::string key = ingest::FilterKey(v);
      alternatives.push_back(c != nullptr
                                 ? schema::CategoryQuery(*c, key)
                                 : Xapian::Query(schema::kThemePrefix + key));
    }
    per_field.emplace_back(Xapian::Query::OP_OR, alternatives.begin(),
                           alternatives.end());
  }
  if (per_field.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, per_field.begin(),
                       per_field.end());
}

// Responses matching `query` that carry each label, largest first.
std::vector<FacetCount> ThemeFacets(const Xapian::Database& db,
                                    const Xapian::Query& query) {
  std::vector<FacetCount> counts;
  for (const std::string& id : schema::LabelIds(db)) {
    counts.push_back(
        {id, id, schema::CountWithTerm(db, query, schema::kThemePrefix + id)});
  }
  std::stable_sort(counts.begin(), counts.end(),
                   [](const FacetCount& a, const FacetCount& b) {
                     return a.count > b.count;
                   });
  return counts;
}

const unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT |
                             Xapian::QueryParser::FLAG_WILDCARD |
                             Xapian::QueryParser::FLAG_PURE_NOT;

}  // namespace

namespace {

// Copies what the models said into `hit`.
void FillHit(schema::StoredThemes themes, SearchHit* hit) {
  hit->classified = themes.classified;
  hit->labels = std::move(themes.labels);
  hit->scores = std::move(themes.scores);
  hit->needs_review = themes.needs_review;
  hit->has_sentiment = themes.has_sentiment;
  hit->sentiment = std::move(themes.sentiment);
  hit->sentiment_score = themes.sentiment_score;
  hit->sentiment_confidence = themes.sentiment_confidence;
  hit->theme_sentiment = std::move(themes.theme_sentiment);
  hit->campaign = std::move(themes.campaign);
  for (auto& x : themes.sentences) {
    hit->sentences.push_back({x.begin, x.end, x.sentiment, std::move(x.labels),
                              std::move(x.polarity)});
  }
}

}  // namespace

struct Searcher::State {
  std::string path;
  Xapian::Database db;
  Xapian::QueryParser parser;
};

Searcher::Searcher(std::unique_ptr<State> state) : state_(std::move(state)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;

Result<Searcher> Searcher::Open(const std::string& db_path) {
  auto state = std::make_unique<State>();
  state->path = db_path;
  try {
    state->db = Xapian::Database(db_path);
    ConfigureParser(&state->parser, state->db);
  } catch (const Xapian::Error& e) {
    return FromXapian(e, db_path);
  }
  return Searcher(std::move(state));
}

std::int64_t Searcher::document_count() const {
  return state_->db.get_doccount();
}

Status Searcher::ForEach(const std::function<void(const SearchHit&)>& visit) {
  try {
    const Xapian::Database& db = state_->db;
    std::int64_t rank = 0;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      SearchHit hit;
      hit.rank = ++rank;
      schema::StoredThemes themes;
      Xapian::Document doc = db.get_document(*it);
      SIFT_RETURN_IF_ERROR(schema::DecodeRecord(
          doc.get_data(), *it, &hit.response, &hit.duplicate_of, &themes));
      themes.campaign = doc.get_value(schema::kCampaignSlot);
      FillHit(std::move(themes), &hit);
      visit(hit);
    }
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, state_->path);
  }
}

std::string Searcher::metadata(const std::string& key) const {
  try {
    return state_->db.get_metadata(key);
  } catch (const Xapian::Error&) {
    return "";
  }
}

namespace {

bool SortsByThemeSentiment(SortOrder sort) {
  return sort == SortOrder::kThemeSentimentAscending ||
         sort == SortOrder::kThemeSentimentDescending;
}

// Orders `enquire` as `request` asks; a key it sorts by goes to `key`,
// which must outlive the search. InvalidArgument for an unknown label.
Status ApplySort(const SearchRequest& request, const Xapian::Database& db,
                 Xapian::Enquire* enquire,
                 std::unique_ptr<Xapian::KeyMaker>* key) {
  if (request.sort == SortOrder::kScoreDescending ||
      SortsByThemeSentiment(request.sort)) {
    std::vector<std::string> ids = schema::LabelIds(db);
    auto it = std::find(ids.begin(), ids.end(), request.sort_label);
    if (it == ids.end()) {
      return Status::InvalidArgument(
          "cannot sort by '" + request.sort_label +
          "': the database has no such classifier label");
    }
    const auto label = static_cast<Xapian::valueno>(it - ids.begin());
    if (request.sort == SortOrder::kScoreDescending) {
      enquire->set_sort_by_value_then_relevance(schema::kFirstScoreSlot + label,
                                                true);
      return Status::Ok();
    }
    const bool descending =
        request.sort == SortOrder::kThemeSentimentDescending;
    *key = std::make_unique<MissingLastKey>(
        schema::kFirstThemeSentimentSlot + label, descending);
    enquire->set_sort_by_key_then_relevance(key->get(), descending);
  } else if (request.sort == SortOrder::kConfidenceAscending ||
             request.sort == SortOrder::kConfidenceDescending) {
    const bool descending = request.sort == SortOrder::kConfidenceDescending;
    *key = std::make_unique<MissingLastKey>(schema::kSentimentConfidenceSlot,
                                            descending);
    enquire->set_sort_by_key_then_relevance(key->get(), descending);
  } else if (request.sort == SortOrder::kSentimentAscending ||
             request.sort == SortOrder::kSentimentDescending) {
    enquire->set_sort_by_value_then_relevance(
        schema::kSentimentScoreSlot,
        request.sort == SortOrder::kSentimentDescending);
  } else if (request.sort != SortOrder::kRelevance) {
    enquire->set_sort_by_value_then_relevance(
        schema::kDateSlot, request.sort == SortOrder::kDateDescending);
  }
  return Status::Ok();
}

Result<SearchHit> DecodeHit(const Xapian::MSetIterator& it,
                            const Xapian::MSet& mset, const Xapian::Stem& stem,
                            std::size_t snippet_chars) {
  SearchHit hit;
  hit.rank = static_cast<std::int64_t>(it.get_rank()) + 1;
  hit.score = it.get_weight();
  schema::StoredThemes themes;
  Xapian::Document doc = it.get_document();
  SIFT_RETURN_IF_ERROR(schema::DecodeRecord(doc.get_data(), *it, &hit.response,
                                            &hit.duplicate_of, &themes));
  themes.campaign = doc.get_value(schema::kCampaignSlot);
  FillHit(std::move(themes), &hit);
  hit.snippet = mset.snippet(hit.response.display_text, snippet_chars, stem,
                             Xapian::MSet::SNIPPET_EXHAUSTIVE, "**", "**", "…");
  return hit;
}

// Counts by the categorical field behind each spy, with display labels.
void CategoryFacets(
    const Xapian::Database& db,
    const std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>>& spies,
    SearchResult* result) {
  for (std::size_t i = 0; i < spies.size(); ++i) {
    const schema::Category& c = schema::kCategories[i];
    std::vector<FacetCount>& counts = result->facets[c.field];
    for (auto v = spies[i]->values_begin(); v != spies[i]->values_end(); ++v) {
      std::string label = db.get_metadata(schema::LabelKey(c, *v));
      counts.push_back({*v, label.empty() ? *v : label,
                        static_cast<std::int64_t>(v.get_termfreq())});
    }
    std::stable_sort(counts.begin(), counts.end(),
                     [](const FacetCount& a, const FacetCount& b) {
                       return a.count > b.count;
                     });
  }
}

}  // namespace

Result<SearchResult> Searcher::Search(const SearchRequest& request) {
  if (request.offset < 0 || request.limit < 0) {
    return Status::InvalidArgument("--offset and --limit must not be negative");
  }
  try {
    Xapian::Database& db = state_->db;
    db.reopen();
    const bool theme_sentiment = HasThemeSentimentTerms(db);
    if (!theme_sentiment && (request.filters.count("theme_sentiment") > 0 ||
                             SortsByThemeSentiment(request.sort))) {
      return NoThemeSentimentTerms(state_->path);
    }
    auto filter = FilterQuery(request, schema::LabelIds(db));
    if (!filter.ok()) return filter.status();
    bool blank =
        request.query.find_first_not_of(" \t\r\n") == std::string::npos;
    Xapian::Query query =
        blank ? Xapian::Query::MatchAll
              : state_->parser.parse_query(request.query, kParseFlags);
    if (!filter->empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter.value());
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    std::unique_ptr<Xapian::KeyMaker> sort_key;
    SIFT_RETURN_IF_ERROR(ApplySort(request, db, &enquire, &sort_key));
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    if (request.facets) {
      for (const schema::Category& c : schema::kCategories) {
        spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(c.slot));
        enquire.add_matchspy(spies.back().get());
      }
    }
    Xapian::MSet mset = enquire.get_mset(
        static_cast<Xapian::doccount>(request.offset),
        static_cast<Xapian::doccount>(request.limit), db.get_doccount());
    SearchResult result;
    result.total = mset.get_matches_estimated();
    Xapian::Stem stem("english");
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      auto hit = DecodeHit(it, mset, stem, request.snippet_chars);
      if (!hit.ok()) return hit.status();
      result.hits.push_back(std::move(hit.value()));
    }
    CategoryFacets(db, spies, &result);
    if (request.facets && !schema::LabelIds(db).empty()) {
      result.facets["theme"] = ThemeFacets(db, query);
      if (theme_sentiment) {
        result.facets["theme_sentiment"] =
            ThemeSentimentFacets(db, query, schema::LabelIds(db));
      }
    }
    return result;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, state_->path);
  }
}

}  // namespace sift::index
