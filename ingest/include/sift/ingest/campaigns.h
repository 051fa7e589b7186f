// Campaign detection: finds organised template letters ("form letters") among
// the responses to a consultation, so that analysts read one template and
// each sender's own additions instead of thousands of copies.
//
// A campaign is a group of at least `min_members` responses that are all
// near-copies of one of them, the template. Near-copy is measured on word
// shingles: a text's words are its maximal runs of letters and digits, case
// folded (apostrophes join, so "don't" and "dont" are one word; every
// ideograph is a word of its own; punctuation, symbols and emoji separate
// words), and its shingles are the runs of `shingle_words` consecutive
// words. The similarity of two texts is the Jaccard index of their shingle
// sets, estimated from MinHash signatures (one-permutation hashing with
// optimal densification, 16-bit values); candidates come from LSH banding
// of the signatures.
//
// Every member of a campaign is at least `min_similarity` similar to the
// template (the member most similar on average to the others). Members need
// not be that similar to each other: two senders who each added a paragraph
// of their own are both near the template, less near each other. Texts
// linked only through a chain (A like B, B like C, A unlike C) are split
// unless the one in the middle is the template.
//
// Defaults were chosen with bench/campaign_bench.sh on the nine files of US
// regulations.gov comments in ../shared/data/regulations_gov_comments_cdo_
// council (4,024 comments read), each file searched on its own, sweeping
// shingles of 4-6 words, thresholds 0.5-0.7 and 128-512 hashes. With the
// defaults: 76 campaigns holding 2,643 comments; pairwise recall of exact
// groups 1.000 over texts of min_words or more (0.881 over all: the 135
// "See attached file(s)" and other placeholders are short by design; they
// are FindRepeated()'s, and with them recall over all exact groups is 1.000
// at near-duplicate precision 0.953);
// pairwise precision 0.950 counting a pair right when the two texts are
// identical or their exact shingle Jaccard is >= min_similarity (0.315
// counting identical pairs only: most campaign letters carry a name or a
// sentence of their own); 98.3% of members at or above min_similarity to
// their template (the rest within 0.04 of it: estimation error); 98.8% of
// the pairs at or above min_similarity end up in one campaign. Union-find
// alone over the same exact similarities gives precision 0.908. The
// shortfall from 1 is mostly members that each added their own paragraph:
// both near the template, less near each other. 200,000 synthetic
// responses take 2.6 s (Add() 1.3 s, Find() 1.3 s) and 66 MB.
#ifndef SIFT_INGEST_CAMPAIGNS_H_
#define SIFT_INGEST_CAMPAIGNS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sift/core/status.h"

namespace sift::ingest {

struct CampaignOptions {
  // Words per shingle. 5: long enough that two letters on the same topic in
  // their own words share few shingles ("the proposed rule would" is common
  // to all of them, five-word runs rarely are), short enough that a changed
  // word costs a 170-word letter only 5 of its ~165 shingles.
  int shingle_words = 5;
  // MinHash signature length (bins of one-permutation hashing). 256 gives a
  // standard error of about 0.03 on a similarity near 0.6, for 512 bytes a
  // distinct text; 128 let half again as many members in below the
  // threshold (52 against 45 of ~2,640).
  int num_hashes = 256;
  // LSH bands; num_hashes must be a multiple. 64 bands of 4 rows make a pair
  // a candidate with probability 0.9999 at similarity 0.6, 0.98 at 0.5, so
  // min_similarity, not the banding, decides. (Bands of 8 rows raise
  // precision by silently missing pairs between 0.5 and 0.65.)
  int bands = 64;
  // Smallest estimated shingle Jaccard between a member and the template.
  double min_similarity = 0.6;
  // Smallest group called a campaign: a campaign is many people, and two
  // identical texts are often one person submitting twice.
  int min_members = 3;
  // Texts with fewer words never join a campaign: "See attached file(s)",
  // "No comment" and "I oppose this rule" are identical by brevity, not by
  // organisation. The longest such placeholder in the evaluation data has 8
  // words ("Please see our comment in the attached file."). Must be at
  // least shingle_words.
  int min_words = 10;
  // Seeds the hash functions. Signatures, and so campaigns, depend on it;
  // campaign ids do not.
  std::uint64_t seed = 0x5eed2019c0ffeeULL;
};

// InvalidArgument naming the field when `options` cannot work (a field out
// of range, num_hashes not a multiple of bands, min_words < shingle_words).
Status ValidateCampaignOptions(const CampaignOptions& options);

struct Campaign {
  // "c" and 10 lower-case hex digits, derived from the template's words
  // only: the same template gives the same id in every run, whatever the
  // seed, the order or the unrelated texts added. It changes only when
  // another member becomes the template.
  std::string id;
  // The template: the member most similar on average to the others (among
  // equals, the first added).
  std::size_t template_index = 0;
  // Indices in Add() order, ascending, the template included.
  std::vector<std::size_t> members;
};

// A short answer (fewer than CampaignOptions::min_words words, at least one)
// that at least min_members responses gave word for word: "See attached
// file(s)", "No comment", "I oppose this rule". Not a campaign: brevity,
// not organisation, makes them identical, so each still counts on its own;
// but an analyst should know that 135 responses only point to an attachment.
struct RepeatedAnswer {
  // "r" and 10 lower-case hex digits, derived from the words only.
  std::string id;
  // Indices in Add() order, ascending; the first is the group's example.
  std::vector<std::size_t> members;
};

// Collects response texts and finds the campaigns among them. Keeps only a
// compact record per text (4 bytes, and per distinct text of min_words
// words or more a 64-bit key and a signature of 2 * num_hashes bytes, about
// 540 bytes with the defaults; per shorter text 8 bytes and per distinct
// shorter text a 64-bit key), never the texts; the caller keeps those.
// Find() needs about 50 bytes more per distinct text while it runs. Add()
// costs time linear in the text; Find() about linear in the number of
// distinct texts (buckets and components are worked in bounded pieces).
//
// Thread safety: Add() must not run concurrently with anything else on the
// same finder; const methods may run concurrently with each other.
class CampaignFinder {
 public:
  // REQUIRES: ValidateCampaignOptions(options).ok().
  explicit CampaignFinder(CampaignOptions options = {});

  // Records `text` (a normalised response text; any UTF-8, empty included)
  // and returns its index: 0 for the first text added, then 1, 2, ...
  std::size_t Add(std::string_view text);

  // Number of texts added.
  std::size_t size() const { return records_.size(); }

  // The campaigns among the texts added so far, largest first, then by id.
  // Deterministic: the same texts added in the same order give the same
  // campaigns. Every text is in at most one campaign.
  std::vector<Campaign> Find() const;

  // The repeated short answers among the texts added so far, largest first,
  // then by id. Deterministic; disjoint from every campaign (a campaign's
  // texts have min_words words or more).
  std::vector<RepeatedAnswer> FindRepeated() const;

 private:
  static constexpr std::uint32_t kShort = 0xFFFFFFFFu;
  CampaignOptions options_;
  // Per added text: index of its distinct word sequence, or kShort.
  std::vector<std::uint32_t> records_;
  // Per distinct word sequence: its key, and num_hashes signature values.
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint16_t> signatures_;
  std::unordered_map<std::uint64_t, std::uint32_t> distinct_by_key_;
  // Per distinct short word sequence (one word or more): the texts giving it.
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> short_texts_;
  std::vector<std::uint64_t> scratch_;  // word hashes of the current Add()
};

// The words campaigns compare (see the top of this file), in order.
std::vector<std::string> CampaignWords(std::string_view text);

// The exact Jaccard index of the two texts' sets of `shingle_words`-word
// shingles; 1 for two texts both shorter than one shingle and equal as
// words, 0 when only one is. Costs time linear in the texts: for checking,
// not for all pairs.
double ShingleJaccard(std::string_view a, std::string_view b,
                      int shingle_words);

// A campaign member's own words, which analysts must still read: the
// sentences of `member_text` that are not in `template_text`, in the
// member's order, verbatim and trimmed. Sentences are found with ICU's
// sentence rules, with line breaks and bullets as further boundaries. A
// member sentence is in the template when its words equal those of a
// template sentence or nearly do (word edit distance at most a fifth of the
// longer sentence), or when its words run inside one template sentence
// (a fragment split off by a line break). Sentences without words ("-",
// "...") are never additions.
std::vector<std::string> PersonalAdditions(std::string_view template_text,
                                           std::string_view member_text);

}  // namespace sift::ingest

#endif  // SIFT_INGEST_CAMPAIGNS_H_
