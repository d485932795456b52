#!/usr/bin/python3
"""Writes sp_expected_ids.json: the ids SentencePiece itself gives for each case text with tokenizer.model.

Run with Debian's python3-sentencepiece (apt-get install -y python3-sentencepiece), from this folder:
    /usr/bin/python3 generate_sp_expected_ids.py
Only the fixture generation uses Python; the product and the tests do not.
"""
import json
import sentencepiece as spm

sp = spm.SentencePieceProcessor(model_file="tokenizer.model")
cases = [
    # sentences
    "Describe this image in detail.",
    "Is there a dog in the image? Please answer yes or no.",
    "USER: <image>\nWhat is this? ASSISTANT:",
    "  two  spaces and trailing ",
    "Zebra quokka \u00fcn\u00efc\u00f6d\u00e9 \u6771\u4eac \U0001F642",
    "12345 apples",
    "",
    "line one\nline two\ttab",
    # single characters (each one its own fragment, as a short answer or claim can be)
    "a", "I", "x", "A", "z", ".", "?", "!", ",", "1", "0", "-", "'", '"',
    # whitespace runs
    " ", "  ", "   ", "\n", "\n\n", " \n ", "\t", "\t\t", "\r\n",
    # byte-fallback characters (no piece of their own)
    "\u00e9", "\u00df", "\u20ac", "\u6771", "\U0001F642", "\U0001F600\U0001F44D", "\u0000", "\u007f", "a\u00e9b",
    # template fragments and answers, as the backend encodes them on their own
    "yes", "Yes", "no", "No", " yes", " No", "ASSISTANT:", " ASSISTANT:", "USER: ", "\nWhat", " Please answer yes or no.",
    "A chat between a curious human and an artificial intelligence assistant. ",
    "There is a red circle.", "It", "a.", "I am.",
]
pieces = ["\u2581yes", "\u2581Yes", "\u2581no", "\u2581No", "</s>", "<s>", "<unk>"]
out = {
    "generator": f"sentencepiece {spm.__version__} (Debian python3-sentencepiece), SentencePieceProcessor.encode; generate_sp_expected_ids.py",
    "vocab_size": sp.get_piece_size(),
    "pieces": {p: sp.piece_to_id(p) for p in pieces},
    "cases": [{"text": t, "ids": sp.encode(t)} for t in cases],
}
with open("sp_expected_ids.json", "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")
