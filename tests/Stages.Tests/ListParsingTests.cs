using RlaifV.Stages.Rules;

namespace RlaifV.Stages.Tests;

/// <summary>Fixtures of realistic LLM list outputs (as instruction-tuned extractors and rewriters write them) and what is read from them.</summary>
public class ListParsingTests
{
    public static TheoryData<string, string[]> Fixtures() => new()
    {
        // The reference's own format: a markdown header, then dash bullets.
        { "### Facts:\n- There is a red car.\n- The car is parked on a street.\n- There is no driver in the car.", ["There is a red car.", "The car is parked on a street.", "There is no driver in the car."] },
        // A chatty lead-in with a colon, a blank line, numbered items, a closing sentence without a bullet.
        { "Sure! Here are the facts extracted from the answer:\n\n1. The image shows a kitchen.\n2. There are two chairs.\n3. The table is wooden.\n\nLet me know if you need anything else.", ["The image shows a kitchen.", "There are two chairs.", "The table is wooden."] },
        // Numbering with parentheses and bold markdown headers.
        { "**Modified sentences:**\n1) Is there a dog?\n2) Is the dog brown?\n(3) Is there no cat?", ["Is there a dog?", "Is the dog brown?", "Is there no cat?"] },
        // Mixed bullets, indentation and blank lines between items.
        { "  * There is a tree.\n\n  • The tree is tall.\n\n  + There is a bench.\n  · The bench is empty.", ["There is a tree.", "The tree is tall.", "There is a bench.", "The bench is empty."] },
        // A lead-in without a colon and no bullets at all: every non-header line is an item.
        { "Here are the questions\nIs the sky blue?\nAre there clouds?", ["Is the sky blue?", "Are there clouds?"] },
        // A short list: one item, no header.
        { "- There is one apple.", ["There is one apple."] },
        // Numbers inside an item are not list markers.
        { "- The sign reads 3.5 miles.\n- 2 people are walking.", ["The sign reads 3.5 miles.", "2 people are walking."] },
        // Two headed sections (a model repeating the statements before answering): only bulleted lines count, headers skipped.
        { "### Statements:\n- There is a cat.\n### Questions:\n- Is there a cat?", ["There is a cat.", "Is there a cat?"] },
        // Nothing usable.
        { "\n\n### Facts:\n\n", [] },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Items_RealisticOutputs_ListItemsInOrder(string output, string[] expected) =>
        Assert.Equal(expected, ListParser.Items(output));

    [Fact]
    public void Items_LongList_KeepsEveryItemAndRepeats()
    {
        var lines = Enumerable.Range(1, 40).Select(i => $"{i}. Is there object {i % 20}?").ToList();
        var items = ListParser.Items("### Questions:\n" + string.Join('\n', lines) + "\n");
        Assert.Equal(40, items.Count);
        Assert.Equal("Is there object 1?", items[0]);
        Assert.Equal("Is there object 0?", items[39]);
        Assert.Equal(items[0], items[20]); // repeats stay: the rewriter zips by position
    }

    [Fact]
    public void ClaimListParser_DropsRepeats()
    {
        Assert.Equal(["There is a cat.", "The cat is black."], ClaimListParser.Parse("- There is a cat.\n- The cat is black.\n- There is a cat."));
    }

    [Theory]
    [InlineData("The questions are written on the board.", false)]
    [InlineData("Facts", true)]
    [InlineData("The modified sentences", true)]
    [InlineData("Here is the list.", true)]
    [InlineData("## Output", true)]
    [InlineData("There are two facts here.", false)]
    public void IsHeader_CaptionsAndLeadIns_NotSentences(string line, bool header) =>
        Assert.Equal(header, ListParser.IsHeader(line));
}
