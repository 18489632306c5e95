"""The yardstick: a bare Streamlit page drawing one Plotly chart from a cached DataFrame."""

import pandas as pd
import plotly.express as px
import streamlit as st


@st.cache_data
def frame() -> pd.DataFrame:
    return pd.DataFrame({"主题": [f"主题{i}" for i in range(12)], "指标数": list(range(12))})


st.title("基准页")
st.plotly_chart(px.bar(frame(), x="主题", y="指标数"))
