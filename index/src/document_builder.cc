#include "document_builder.h"

#include <cmath>

#include "schema.h"
#include "sift/ingest/normalizer.h"

namespace sift::index {
namespace {

// Redaction placeholders are not words of the response: they are left out
// of the text terms and recorded as XRED<kind> filter terms instead.
std::string WithoutPlaceholders(const std::string& text,
                                Xapian::Document* doc) {
  if (text.find('[') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (std::size_t at = text.find('['); at != std::string::npos;
       at = text.find('[', at + 1)) {
    for (int k = 0; k < ingest::kPiiKindCount; ++k) {
      auto kind = static_cast<ingest::PiiKind>(k);
      std::string_view placeholder = ingest::PiiPlaceholder(kind);
      if (text.compare(at, placeholder.size(), placeholder) != 0) continue;
      out.append(text, copied, at - copied).push_back(' ');
      copied = at + placeholder.size();
      doc->add_boolean_term(schema::kRedactedPrefix +
                            std::string(ingest::PiiKindName(kind)));
      break;
    }
  }
  out.append(text, copied);
  return out;
}

// Scores as stored: 4 decimals, so the record, the value slots and the
// classes drawn from them agree.
double RoundAsStored(double v) { return std::round(v * 1e4) / 1e4; }

}  // namespace

DocumentBuilder::DocumentBuilder() {
  terms_.set_stemmer(Xapian::Stem("english"));
  terms_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

void DocumentBuilder::LoadExistingOriginals(const Xapian::Database& db) {
  const std::string prefix = schema::kHashPrefix;
  const std::string respondent_prefix = schema::kRespondentPrefix;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    auto posting = db.postlist_begin(*t);
    if (posting == db.postlist_end(*t)) continue;
    Xapian::Document doc = db.get_document(*posting);
    std::string respondent;
    auto term = doc.termlist_begin();
    term.skip_to(respondent_prefix);
    if (term != doc.termlist_end() && (*term).starts_with(respondent_prefix)) {
      respondent = (*term).substr(respondent_prefix.size());
    }
    tracker_.Observe((*t).substr(prefix.size()), doc.get_value(schema::kIdSlot),
                     respondent);
  }
}

// What the models said, rounded as stored.
schema::StoredThemes DocumentBuilder::Store(
    const nlp::Analysis* analysis) const {
  schema::StoredThemes stored;
  if (analysis == nullptr) return stored;
  const nlp::Prediction& themes = analysis->themes;
  stored.classified = true;
  stored.needs_review = themes.needs_review;
  for (int l : themes.labels) stored.labels.push_back(label_ids_[l]);
  for (std::size_t l = 0; l < themes.scores.size(); ++l) {
    stored.scores.emplace_back(
        label_ids_[l], static_cast<float>(RoundAsStored(themes.scores[l])));
  }
  if (analysis->has_sentiment) {
    stored.has_sentiment = true;
    stored.sentiment = nlp::PolarityName(analysis->sentiment.polarity);
    stored.sentiment_score = RoundAsStored(analysis->sentiment.score);
    if (analysis->sentiment.has_confidence()) {
      stored.sentiment_confidence =
          RoundAsStored(analysis->sentiment.confidence());
    }
    for (const nlp::ThemeSentiment& t : analysis->theme_sentiment) {
      stored.theme_sentiment.push_back(
          {label_ids_[t.label], RoundAsStored(t.score),
           std::string(nlp::PolarityName(t.polarity))});
    }
    const auto& sentences = analysis->sentiment.sentences;
    for (std::size_t k = 0; k < sentences.size(); ++k) {
      schema::StoredThemes::Sentence s;
      s.begin = sentences[k].span.begin;
      s.end = sentences[k].span.end;
      s.sentiment = RoundAsStored(sentences[k].score);
      s.polarity = nlp::PolarityName(sentences[k].polarity);
      if (k < analysis->sentence_labels.size()) {
        for (int l : analysis->sentence_labels[k]) {
          s.labels.push_back(label_ids_[l]);
        }
      }
      stored.sentences.push_back(std::move(s));
    }
  }
  return stored;
}

BuiltDocument DocumentBuilder::Build(const ingest::Response& r,
                                     const nlp::Analysis* analysis) {
  BuiltDocument built;
  std::string key = ingest::ContentKey(r.text);
  const std::string respondent = ingest::FilterKey(r.respondent);
  built.duplicate_of = tracker_.Observe(key, r.id, respondent);
  Xapian::Document& doc = built.document;
  terms_.set_document(doc);
  terms_.index_text(WithoutPlaceholders(r.text, &doc));
  if (!r.organisation.empty()) {
    terms_.increase_termpos();
    terms_.index_text(r.organisation, 1, schema::kOrgPrefix);
  }
  terms_.set_document(Xapian::Document());  // the builder keeps no reference
  built.id_term = schema::IdTerm(r.id);
  doc.add_boolean_term(built.id_term);
  doc.add_boolean_term(schema::kRespondentPrefix + respondent);
  doc.add_boolean_term(built.duplicate_of.empty()
                           ? schema::kHashPrefix + key
                           : std::string(schema::kDuplicateTerm));
  schema::StoredThemes stored = Store(analysis);
  for (const schema::Category& c : schema::kCategories) {
    const std::string& value = schema::CategoryValue(c, r, stored);
    if (value.empty()) continue;
    std::string k = ingest::FilterKey(value);
    if (c.prefix[0] != '\0') doc.add_boolean_term(c.prefix + k);
    doc.add_value(c.slot, k);
    ++label_votes_[schema::LabelKey(c, k)][value];
  }
  doc.add_value(schema::kDateSlot, r.date);
  doc.add_value(schema::kIdSlot, r.id);
  if (stored.classified) {
    for (const std::string& id : stored.labels) {
      doc.add_boolean_term(schema::kThemePrefix + id);
    }
    for (std::size_t l = 0; l < stored.scores.size(); ++l) {
      doc.add_value(schema::kFirstScoreSlot + static_cast<Xapian::valueno>(l),
                    Xapian::sortable_serialise(stored.scores[l].second));
    }
    if (stored.needs_review) doc.add_boolean_term(schema::kReviewTerm);
  }
  if (stored.has_sentiment) {
    doc.add_value(schema::kSentimentScoreSlot,
                  Xapian::sortable_serialise(stored.sentiment_score));
    if (stored.sentiment_confidence) {
      doc.add_value(schema::kSentimentConfidenceSlot,
                    Xapian::sortable_serialise(*stored.sentiment_confidence));
    }
    AddThemeSentiment(*analysis, &doc);
  }
  doc.set_data(schema::EncodeRecord(r, built.duplicate_of, stored));
  return built;
}

void DocumentBuilder::AddThemeSentiment(const nlp::Analysis& analysis,
                                        Xapian::Document* doc) const {
  for (const nlp::ThemeSentiment& t : analysis.theme_sentiment) {
    doc->add_boolean_term(
        schema::ThemeSentimentTerm(t.polarity, label_ids_[t.label]));
    doc->add_value(schema::kFirstThemeSentimentSlot +
                       static_cast<Xapian::valueno>(t.label),
                   Xapian::sortable_serialise(RoundAsStored(t.score)));
  }
}

void DocumentBuilder::WriteLabels(Xapian::WritableDatabase* db) const {
  for (const auto& [meta, votes] : label_votes_) {
    auto best = votes.begin();
    for (auto it = votes.begin(); it != votes.end(); ++it) {
      if (it->second > best->second) best = it;
    }
    db->set_metadata(meta, best->first);
  }
}

}  // namespace sift::index
