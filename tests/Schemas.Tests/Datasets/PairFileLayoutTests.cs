using RlaifV.Schemas.Datasets;

namespace RlaifV.Schemas.Tests.Datasets;

public class PairFileLayoutTests
{
    [Fact]
    public void Metadata_HuggingFaceFeatures_DeclareImageColumns()
    {
        var rlaifv = PairFileLayout.Metadata(PairProfile.Rlaifv)["huggingface"];
        Assert.Contains("\"image\":{\"_type\":\"Image\"}", rlaifv);
        var trl = PairFileLayout.Metadata(PairProfile.Trl)["huggingface"];
        Assert.Contains("\"images\":[{\"_type\":\"Image\"}]", trl);
    }
}
