package org.example.onem2m.primitive;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The media-type rules of the HTTP binding (TS-0009 6.4.2, 6.4.3): one parser, one answer. */
public class MediaTypesTest {

    @Test
    public void theTyParameterIsTheResourceTypeOfACreate_TS0009_6_4_2() {
        assertEquals(Integer.valueOf(13), MediaTypes.resourceType("application/json;ty=13"));
        assertEquals(Integer.valueOf(14), MediaTypes.resourceType("application/vnd.onem2m-res+json; ty=14"));
        assertEquals(Integer.valueOf(10001), MediaTypes.resourceType("Application/JSON ; TY = 10001"));
    }

    @Test
    public void aJsonTypeWithoutTyHasNoResourceType_TS0009_6_4_2() {
        assertNull(MediaTypes.resourceType("application/json"));
        assertNull(MediaTypes.resourceType("application/json; charset=utf-8"));
    }

    @Test
    public void anotherMediaTypeIsUnsupportedMediaType4015_TS0004_6_6_3_5() {
        PrimitiveException e = assertThrows(PrimitiveException.class, () -> MediaTypes.resourceType("application/xml;ty=13"));
        assertEquals(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, e.status());
        assertEquals(415, e.status().httpStatus());
        assertTrue(e.getMessage(), e.getMessage().contains("application/xml"));
    }

    @Test
    public void contentWithoutContentTypeIsUnsupportedMediaType4015_TS0004_6_6_3_5() {
        assertEquals(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                assertThrows(PrimitiveException.class, () -> MediaTypes.resourceType(null)).status());
        assertEquals(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                assertThrows(PrimitiveException.class, () -> MediaTypes.resourceType(" ")).status());
    }

    @Test
    public void aTyThatIsNoNumberIsABadRequest4000() {
        PrimitiveException e = assertThrows(PrimitiveException.class, () -> MediaTypes.resourceType("application/json;ty=mgmtObj"));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.status());
        assertTrue(e.getMessage(), e.getMessage().contains("'mgmtObj'"));
    }

    @Test
    public void theAnswerIsInTheJsonTypeTheClientAccepts_TS0009_6_4_3() {
        assertEquals(MediaTypes.JSON, MediaTypes.responseType(null));
        assertEquals(MediaTypes.ONEM2M_JSON, MediaTypes.responseType("application/vnd.onem2m-res+json"));
        assertEquals(MediaTypes.JSON, MediaTypes.responseType("text/html, */*;q=0.1"));
    }

    @Test
    public void aClientThatAcceptsNoJsonTypeHasNoAnswerType_TS0009_6_4_3() {
        assertNull(MediaTypes.responseType("application/xml"));
    }

    @Test
    public void aRequestCarriesTyOnlyWhenItHasOne_TS0009_6_4_2() {
        assertEquals("application/json;ty=10001", MediaTypes.requestContentType(10001));
        assertEquals("application/json", MediaTypes.requestContentType(null));
    }
}
