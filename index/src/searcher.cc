#include "sift/index/searcher.h"

#include <xapian.h>

#include <algorithm>

#include "schema.h"
#include "sift/ingest/normalizer.h"
#include "xapian_status.h"

namespace sift::index {
namespace {

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
    qp->add_boolean_prefix(c.query_key,
                           (new FilterProcessor(c.prefix, true))->release());
  }
  qp->add_boolean_prefix(
      "respondent",
      (new FilterProcessor(schema::kRespondentPrefix, true))->release());
  qp->add_boolean_prefix(
      "redacted",
      (new FilterProcessor(schema::kRedactedPrefix, true))->release());
  qp->add_boolean_prefix(
      "id", (new FilterProcessor(schema::kIdPrefix, false))->release());
  qp->add_boolean_prefix("is", (new StateProcessor())->release());
}

Result<Xapian::Query> FilterQuery(const SearchRequest& request) {
  std::vector<Xapian::Query> per_field;
  for (const auto& [field, values] : request.filters) {
    const schema::Category* c = schema::FindCategory(field);
    if (c == nullptr) {
      return Status::InvalidArgument(
          "unknown filter field '" + field +
          "' (filters: sector, district, question, respondent_type)");
    }
    std::vector<Xapian::Query> alternatives;
    for (const std::string& v : values) {
      alternatives.emplace_back(c->prefix + ingest::FilterKey(v));
    }
    per_field.emplace_back(Xapian::Query::OP_OR, alternatives.begin(),
                           alternatives.end());
  }
  if (per_field.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, per_field.begin(),
                       per_field.end());
}

const unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT |
                             Xapian::QueryParser::FLAG_WILDCARD |
                             Xapian::QueryParser::FLAG_PURE_NOT;

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

std::string Searcher::metadata(const std::string& key) const {
  try {
    return state_->db.get_metadata(key);
  } catch (const Xapian::Error&) {
    return "";
  }
}

Result<SearchResult> Searcher::Search(const SearchRequest& request) {
  if (request.offset < 0 || request.limit < 0) {
    return Status::InvalidArgument("--offset and --limit must not be negative");
  }
  auto filter = FilterQuery(request);
  if (!filter.ok()) return filter.status();
  try {
    Xapian::Database& db = state_->db;
    db.reopen();
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
    if (request.sort != SortOrder::kRelevance) {
      enquire.set_sort_by_value_then_relevance(
          schema::kDateSlot, request.sort == SortOrder::kDateDescending);
    }
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
      SearchHit hit;
      hit.rank = static_cast<std::int64_t>(it.get_rank()) + 1;
      hit.score = it.get_weight();
      SIFT_RETURN_IF_ERROR(schema::DecodeRecord(
          it.get_document().get_data(), *it, &hit.response, &hit.duplicate_of));
      hit.snippet =
          mset.snippet(hit.response.display_text, request.snippet_chars, stem,
                       Xapian::MSet::SNIPPET_EXHAUSTIVE, "**", "**", "…");
      result.hits.push_back(std::move(hit));
    }
    for (std::size_t i = 0; i < spies.size(); ++i) {
      const schema::Category& c = schema::kCategories[i];
      std::vector<FacetCount>& counts = result.facets[c.field];
      for (auto v = spies[i]->values_begin(); v != spies[i]->values_end();
           ++v) {
        std::string label = db.get_metadata(schema::LabelKey(c, *v));
        counts.push_back({*v, label.empty() ? *v : label,
                          static_cast<std::int64_t>(v.get_termfreq())});
      }
      std::stable_sort(counts.begin(), counts.end(),
                       [](const FacetCount& a, const FacetCount& b) {
                         return a.count > b.count;
                       });
    }
    return result;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, state_->path);
  }
}

}  // namespace sift::index
