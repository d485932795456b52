using Xunit;

namespace RlaifV.Models.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Validate_BadDevice_NamesKeyValueAndAllowed()
    {
        var e = Assert.Throws<ArgumentException>(() => new BackendOptions { Path = "/x", Device = "tpu" }.Validate());
        Assert.Contains("'device' = 'tpu'", e.Message, StringComparison.Ordinal);
        Assert.Contains("cuda:N", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromName_Llava15_RendersVicunaConversation()
    {
        string text = ChatTemplate.FromName("llava-1.5").Render("Describe this image.", withImage: true);
        Assert.EndsWith("USER: <image>\nDescribe this image. ASSISTANT:", text, StringComparison.Ordinal);
        Assert.StartsWith("A chat between a curious human", text, StringComparison.Ordinal);
        Assert.Equal("Describe.\n", ChatTemplate.FromName("plain").Render("Describe.", withImage: false));
    }
}
