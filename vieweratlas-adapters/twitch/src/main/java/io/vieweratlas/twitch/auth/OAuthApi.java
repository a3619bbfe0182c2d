package io.vieweratlas.twitch.auth;

import retrofit2.Call;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;

/** Retrofit view of the Twitch OAuth endpoints ({@code auth_url}). */
interface OAuthApi {

    /** Validates a token; the header is {@code OAuth <token>}. */
    @GET("validate")
    Call<TokenInfo.Response> validate(@Header("Authorization") String authorization);

    /** Client-credentials grant; the secret travels in the form body, never in the URL. */
    @FormUrlEncoded
    @POST("token")
    Call<AppTokenResponse> token(@Field("client_id") String clientId, @Field("client_secret") String clientSecret,
                                 @Field("grant_type") String grantType);

    /** Body of a client-credentials grant. */
    record AppTokenResponse(String accessToken, long expiresIn, String tokenType) {
        @Override
        public String toString() {
            return "AppTokenResponse[accessToken=***, expiresIn=" + expiresIn + "]";
        }
    }
}
