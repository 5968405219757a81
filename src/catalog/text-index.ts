import SearchableMap from "minisearch/SearchableMap";

/** BM25 parameters: the usual ones (Robertson et al.; also MiniSearch's and Lucene's defaults). */
const K1 = 1.2;
const B = 0.75;

/** Marks a word pair among a document's terms while the index is built. */
const PAIR = "\u0000";

export interface TermMatcher {
  /** Terms of one query word as the index keeps them (the word and its stem). */
  forms: string[];
  /** The raw folded word, for prefix and fuzzy lookups. */
  word: string;
  /** Which query word this matches for (expansions share their word's slot), 0–31. */
  slot: number;
  prefix: boolean;
  /** Largest edit distance for typo tolerance (0: none). Used only when no exact form is known. */
  maxDistance: number;
  /** How much its matches count (default 1): an expansion of a word counts less than the word. */
  weight?: number;
  /** A pair of adjacent query words (from `wordPairs`): looked up exactly, evidence only, not a word to cover. */
  pair?: boolean;
}

export interface TextSearchResult {
  /** Matching documents, best first, at most `limit` of them. */
  docs: number[];
  scores: number[];
  /** How many documents matched in all. */
  total: number;
}

/**
 * An inverted index with BM25 impacts computed at build time: each (term, document) posting holds
 * the document's whole field-boosted BM25 weight for that term, so a query costs one multiply-add
 * per posting and a top-k selection. The term dictionary is MiniSearch's radix tree
 * (SearchableMap), which gives prefix and edit-distance lookups.
 *
 * Why not MiniSearch's own search: it builds a result object for every matching document; with
 * 10,500 ideas a common word matches thousands and costs ~25 ms a query (measured in `npm run bench`).
 */
export class TextIndex {
  readonly size: number;
  private readonly dictionary = new SearchableMap<number>();
  /** Word pairs: kept apart from the words, so prefix and typo lookups never reach them. */
  private readonly pairDictionary = new Map<string, number>();
  private readonly postingDocs: Int32Array[] = [];
  private readonly postingImpacts: Float32Array[] = [];

  /**
   * `phrases`: word pairs (e.g. `wordPairs`) indexed for phrase evidence, in the given fields only
   * (short ones: a pair in a long description says little and doubles the index).
   */
  constructor(
    documents: Array<Record<string, string>>,
    boosts: Record<string, number>,
    analyze: (text: string) => string[],
    phrases: { pairs: (text: string) => string[]; fields: readonly string[] } = { pairs: () => [], fields: [] },
  ) {
    this.size = documents.length;
    this.scratchScores = new Float64Array(documents.length);
    this.scratchMasks = new Uint32Array(documents.length);
    const fields = Object.keys(boosts);
    const termIds = new Map<string, number>();
    // Pass 1: term frequencies per document and field, document frequencies, field lengths.
    const perDoc: Array<Array<Map<number, number>>> = [];
    const docFreq = fields.map(() => new Map<number, number>());
    const lengths = fields.map(() => new Float64Array(documents.length));
    documents.forEach((doc, d) => {
      perDoc.push(
        fields.map((field, f) => {
          const tf = new Map<number, number>();
          const terms = analyze(doc[field] ?? "");
          lengths[f]![d] = terms.length;
          if (phrases.fields.includes(field)) for (const pair of phrases.pairs(doc[field] ?? "")) terms.push(PAIR + pair);
          for (const term of terms) {
            let id = termIds.get(term);
            if (id === undefined) termIds.set(term, (id = termIds.size));
            tf.set(id, (tf.get(id) ?? 0) + 1);
          }
          for (const id of tf.keys()) docFreq[f]!.set(id, (docFreq[f]!.get(id) ?? 0) + 1);
          return tf;
        }),
      );
    });
    const avgLength = lengths.map((l) => l.reduce((a, b) => a + b, 0) / Math.max(1, l.length) || 1);
    const idf = (f: number, id: number) => {
      const df = docFreq[f]!.get(id) ?? 0;
      return Math.log(1 + (documents.length - df + 0.5) / (df + 0.5));
    };
    // Pass 2: one impact per (term, document), summed over fields with their boosts. Documents are
    // visited in order, so a term's postings grow in document order and a repeat is the last entry.
    const docs: number[][] = [];
    const weights: number[][] = [];
    perDoc.forEach((fieldTfs, d) => {
      fieldTfs.forEach((tf, f) => {
        const norm = K1 * (1 - B + (B * lengths[f]![d]!) / avgLength[f]!);
        const boost = boosts[fields[f]!]!;
        for (const [id, count] of tf) {
          const weight = boost * idf(f, id) * ((count * (K1 + 1)) / (count + norm));
          const postings = (docs[id] ??= []);
          const impacts = (weights[id] ??= []);
          if (postings[postings.length - 1] === d) impacts[impacts.length - 1]! += weight;
          else {
            postings.push(d);
            impacts.push(weight);
          }
        }
      });
    });
    for (const [term, id] of termIds) {
      this.postingDocs[id] = Int32Array.from(docs[id]!);
      this.postingImpacts[id] = Float32Array.from(weights[id]!);
      if (term.startsWith(PAIR)) this.pairDictionary.set(term.slice(PAIR.length), id);
      else this.dictionary.set(term, id);
    }
  }

  /** Candidate terms of one query word with their weights: exact 1, prefix and typo matches less. */
  private expand(matcher: TermMatcher): Map<number, number> {
    const out = new Map<number, number>();
    const scale = matcher.weight ?? 1;
    const add = (id: number, weight: number) => out.set(id, Math.max(out.get(id) ?? 0, weight * scale));
    if (matcher.pair) {
      const id = this.pairDictionary.get(matcher.word);
      if (id !== undefined) add(id, 1);
      return out;
    }
    for (const form of matcher.forms) {
      const id = this.dictionary.get(form);
      if (id !== undefined) add(id, 1);
    }
    const word = matcher.word;
    if (matcher.prefix) {
      let n = 0;
      for (const [term, id] of this.dictionary.atPrefix(word)) {
        if (term !== word) add(id, (0.375 * word.length) / term.length);
        if (++n >= 64) break;
      }
    }
    if (out.size === 0 && matcher.maxDistance > 0) {
      for (const [term, [id, distance]] of this.dictionary.fuzzyGet(word, matcher.maxDistance)) {
        if (term.length > 2) add(id, 0.45 * (1 - distance / (word.length + 1)));
      }
    }
    return out;
  }

  /** Scratch arrays of score(), one per index, reused: a query allocates no per-document arrays. */
  private readonly scratchScores: Float64Array;
  private readonly scratchMasks: Uint32Array;

  /**
   * Every document's summed impact for the words (not ranked): the documents touched, their scores,
   * and for each the bit mask of the query slots it matched. The arrays are the index's scratch
   * space: valid until the next call (queries run one at a time on the event loop).
   */
  score(words: TermMatcher[]): { touched: number[]; scores: Float64Array; masks: Uint32Array; slots: number; slotWeights: Float64Array; matchedTerms: number } {
    const scores = this.scratchScores;
    const masks = this.scratchMasks;
    scores.fill(0);
    masks.fill(0);
    const touched: number[] = [];
    let matchedTerms = 0;
    const slots = new Set<number>();
    const slotWeights = new Float64Array(32);
    for (const matcher of words) {
      if (matcher.slot > 31) continue;
      // A pair adds to the score of documents that also match its words; it is not a word to cover.
      const bit = matcher.pair ? 0 : 1 << matcher.slot;
      if (!matcher.pair) slots.add(matcher.slot);
      for (const [id, weight] of this.expand(matcher)) {
        matchedTerms++;
        const docs = this.postingDocs[id]!;
        // A word weighs its most specific match (the IDF of the rarest term it reaches).
        const specificity = weight * Math.log(1 + this.size / docs.length);
        if (!matcher.pair && specificity > slotWeights[matcher.slot]!) slotWeights[matcher.slot] = specificity;
        const impacts = this.postingImpacts[id]!;
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i]!;
          if (masks[d] === 0 && bit !== 0) touched.push(d);
          scores[d]! += weight * impacts[i]!;
          masks[d]! |= bit;
        }
      }
    }
    return { touched, scores, masks, slots: slots.size, slotWeights, matchedTerms };
  }

  /**
   * Scores documents for the query words. A document's score is the sum of its term impacts,
   * scaled by the square of the share of the query it covers, each word weighing its IDF: ideas
   * with all the words come first, and of `add arm64 support` the rare word counts most.
   */
  search(words: TermMatcher[], options: { limit: number; accept?: (doc: number) => boolean }): TextSearchResult & { matchedTerms: number } {
    const { touched, scores, masks, slotWeights, matchedTerms } = this.score(words);
    const whole = slotWeights.reduce((a, b) => a + b, 0) || 1;
    const accepted = options.accept ? touched.filter(options.accept) : touched;
    for (const d of accepted) {
      let covered = 0;
      for (let mask = masks[d]!, slot = 0; mask !== 0; mask >>>= 1, slot++) if (mask & 1) covered += slotWeights[slot]!;
      const share = covered / whole;
      scores[d]! *= share * share;
    }
    const docs = topK(accepted, scores, options.limit);
    return { docs, scores: docs.map((d) => scores[d]!), total: accepted.length, matchedTerms };
  }
}

export function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

/** The k best documents by score, ties in document order; a bounded heap when k is small. */
export function topK(docs: number[], scores: ArrayLike<number>, k: number): number[] {
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  if (k >= docs.length / 4) return [...docs].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).slice(0, k);
  // Min-heap of the best k so far: its root is the worst of them.
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && better(heap[m]!, heap[l]!)) m = l;
      if (r < heap.length && better(heap[m]!, heap[r]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const d of docs) {
    if (heap.length < k) {
      heap.push(d);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!better(heap[p]!, heap[i]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (k > 0 && better(d, heap[0]!)) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1));
}
